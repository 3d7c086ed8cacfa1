"""The ADR England flagship criteria, one small rule per criterion and sub-criterion.

The criteria are quoted from "What are ADR England Flagship Datasets?" in the July 2023 brochure
(`adr-2023-flagship-brochure`). Each rule returns a `Finding`: a verdict, the record fields that
decided it, and its gaps: what to fill in, in which field, and the sentence of the criterion that
asks for it (`SENTENCES`). Rules never raise and never read files; thresholds, the partnership
TREs and the approved legal gateways come from catalogue.yaml.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import attrs

from .. import vocab
from ..model import Document, Record
from . import Context

# not-evidenced: never a rule's; `check` gives it in place of not-met for a dataset ADR UK designates
# (ADR UK says its flagships meet the criteria: what is missing is the record's evidence).
Verdict = Literal["met", "partly-met", "not-met", "not-evidenced", "needs-judgement"]
VERDICT_RANK: dict[str, int] = {"met": 0, "needs-judgement": 0, "partly-met": 1, "not-met": 2, "not-evidenced": 2}
AVAILABILITY_WORDS = vocab.AVAILABILITY_LABELS  # the words the exports and the site use


# The sentence of the brochure's criteria each rule checks; every gap quotes it.
SENTENCES = {
    "linked-data": "Our flagship datasets must link administrative data or be linkable within a government department,"
    " or between two or more government departments.",
    "national-coverage": "Our flagship datasets should have coverage of at least one UK nation, or wider (e.g. England"
    " and Wales, GB or UK).",
    "research-themes": "Covering ADR UK's eight core strategic research themes - from environment and health to growing"
    " old - flagship datasets can address big societal issues and cross-cutting themes that transcend individual"
    " government department remits.",
    "research-questions": "These datasets have the potential to unlock considerable public good by helping to fill"
    " evidence gaps and address pressing policy needs of national importance.",
    "partnership-access": "All flagship datasets must be accessible to all accredited researchers via an ADR UK trusted"
    " research environment with approved legal gateways for research.",
    "findable-in-catalogue": "This includes the datasets being findable in a catalogue with a minimum level of publicly"
    " available documentation ...",
    "public-user-guide": "... including a minimum standard user guide with potential research questions ...",
    "public-data-dictionary": "... including ... a data dictionary ...",
    "contact-route": "... and a route for seeking additional information.",
    "wide-appeal": "We anticipate our flagship data being of notable interest to a wide diversity of researchers and"
    " research users ...",
}


@attrs.frozen(kw_only=True)
class Evidence:
    path: str  # JSON pointer into the record (of `part`, when a part of a collection supplied it)
    text: str
    part: str | None = None


@attrs.frozen(kw_only=True)
class Gap:
    field: str  # JSON pointer of the field to fill in
    action: str  # what to add or change, in plain words
    criterion: str  # the criterion's sentence that asks for it


@attrs.frozen(kw_only=True)
class Finding:
    rule: str
    verdict: Verdict
    evidence: tuple[Evidence, ...] = ()
    gaps: tuple[Gap, ...] = ()

    @property
    def to_do(self) -> tuple[str, ...]:
        return tuple(g.action for g in self.gaps)


def _finding(rule: str, verdict: Verdict, evidence: list[Evidence], gaps: list[tuple[str, str]] | None = None) -> Finding:
    """A finding; `gaps` as (field, action) pairs, each quoting the rule's criterion sentence."""
    return Finding(
        rule=rule,
        verdict=verdict,
        evidence=tuple(evidence),
        gaps=tuple(Gap(field=f, action=a, criterion=SENTENCES[rule]) for f, a in gaps or ()),
    )


def _provider_names(record: Record) -> set[str]:
    return {c.provider for c in record.components if c.provider}


# --- 1. Linked administrative data ------------------------------------------------------------


def linked_data(record: Record, ctx: Context) -> Finding:
    """ "Our flagship datasets must link administrative data or be linkable within a government
    department, or between two or more government departments."

    Met by a declared linkage, or by components from more than one provider.
    """
    ev = []
    if record.linkage:
        ev.append(
            Evidence(
                path="/linkage/scope",
                text=f"linkage declared: {record.linkage.scope}"
                + (f", {record.linkage.method}" if record.linkage.method != "unknown" else ""),
            )
        )
        return _finding("linked-data", "met", ev)
    providers = _provider_names(record)
    if len(record.components) >= 2:
        ev.append(
            Evidence(
                path="/components", text=f"{len(record.components)} components from {len(providers) or 'unstated'} provider(s)"
            )
        )
        if len(providers) >= 2:
            return _finding("linked-data", "met", ev, [("/linkage", "Declare the linkage: its scope and how it works.")])
        return _finding(
            "linked-data", "partly-met", ev, [("/linkage", "Declare how the components are linked (scope and method).")]
        )
    return _finding("linked-data", "not-met", ev, [("/linkage", "Declare the linkage, or list the linked component datasets.")])


# --- 2. National datasets ---------------------------------------------------------------------


def national_coverage(record: Record, ctx: Context) -> Finding:
    """ "Our flagship datasets should have coverage of at least one UK nation, or wider (e.g.
    England and Wales, GB or UK)."

    Components covering less than a nation (say, one city) are reported as evidence.
    """
    nations = record.coverage.nations
    ev = [Evidence(path="/coverage/nations", text="covers " + ", ".join(nations))] if nations else []
    for i, comp in enumerate(record.components):
        if comp.coverage and comp.coverage.area:
            ev.append(
                Evidence(path=f"/components/{i}/coverage/area", text=f"component '{comp.title}' covers {comp.coverage.area} only")
            )
    if not nations:
        return _finding("national-coverage", "not-met", ev, [("/coverage/nations", "List the UK nations covered.")])
    if record.coverage.area:
        ev.append(Evidence(path="/coverage/area", text=f"the dataset covers {record.coverage.area} only"))
        return _finding(
            "national-coverage", "partly-met", ev, [("/coverage", "Coverage must include at least one whole UK nation.")]
        )
    return _finding("national-coverage", "met", ev)


# --- 3. Of significant research value ---------------------------------------------------------


def research_themes(record: Record, ctx: Context) -> Finding:
    """ "Covering ADR UK's eight core strategic research themes - from environment and health to
    growing old - flagship datasets can address big societal issues and cross-cutting themes that
    transcend individual government department remits."
    """
    need = ctx.catalogue.flagship_thresholds.min_themes
    labels = {t.id: t.label for t in ctx.catalogue.themes}
    ev = [Evidence(path=f"/themes/{i}", text=f"theme: {labels.get(t, t)}") for i, t in enumerate(record.themes)]
    if len(record.themes) >= need:
        return _finding("research-themes", "met", ev)
    return _finding(
        "research-themes",
        "not-met",
        ev,
        [("/themes", f"Map the dataset to at least {need} ADR research theme(s), as a source files it.")],
    )


def research_questions(record: Record, ctx: Context) -> Finding:
    """ "These datasets have the potential to unlock considerable public good by helping to fill
    evidence gaps and address pressing policy needs of national importance."

    Shown by example research questions the data could address.
    """
    need = ctx.catalogue.flagship_thresholds.min_research_questions
    n = len(record.research_questions)
    ev = [Evidence(path="/research_questions", text=f"{n} example research question(s)")] if n else []
    if n >= need:
        return _finding("research-questions", "met", ev)
    return _finding(
        "research-questions",
        "not-met",
        ev,
        [("/research_questions", f"Give at least {need} example research question(s) from a source.")],
    )


# --- 4. Available to the wider academic community ---------------------------------------------


def partnership_access(record: Record, ctx: Context) -> Finding:
    """ "All flagship datasets must be accessible to all accredited researchers via an ADR UK
    trusted research environment with approved legal gateways for research."
    """
    tres = {t.id: t for t in ctx.catalogue.tres}
    gateways = {g.id: g for g in ctx.catalogue.legal_gateways}
    ev, partial = [], []
    for i, route in enumerate(record.access):
        tre = tres.get(route.tre)
        if tre is None or not tre.adr_partnership:
            ev.append(Evidence(path=f"/access/{i}/tre", text=f"{route.tre} is not an ADR UK partnership TRE"))
            continue
        if route.legal_gateway in gateways:
            ev.append(Evidence(path=f"/access/{i}", text=f"{tre.title} under the {gateways[route.legal_gateway].title}"))
            return _finding("partnership-access", "met", ev)
        partial.append(i)
        ev.append(Evidence(path=f"/access/{i}/legal_gateway", text=f"{tre.title}, legal gateway not recorded"))
    if record.status != "available":
        return _finding(
            "partnership-access",
            "not-met",
            ev,
            [("/status", f"The dataset is {record.status}: it must be accessible through a partnership TRE.")],
        )
    if partial:
        return _finding(
            "partnership-access",
            "partly-met",
            ev,
            [
                (
                    f"/access/{partial[0]}/legal_gateway",
                    f"Record the approved legal gateway of access route {partial[0] + 1} ({tres[record.access[partial[0]].tre].title}).",
                )
            ],
        )
    return _finding(
        "partnership-access",
        "not-met",
        ev,
        [("/access", "Add an access route through an ADR UK partnership TRE with its legal gateway.")],
    )


CATALOGUE_SCHEMES = {"ons-srs", "hdruk-gateway", "rds", "sail", "nisra"}


def findable_in_catalogue(record: Record, ctx: Context) -> Finding:
    """ "This includes the datasets being findable in a catalogue ..."

    Met by a catalogue entry with its URL (documentation of kind catalogue-entry, or a catalogue
    identifier); partly met by an entry without a URL (nobody can follow it) or when the record's
    TRE feeds a target catalogue that will list it once harvested.
    """
    entries = [(i, d) for i, d in enumerate(record.documentation) if d.kind == "catalogue-entry"]
    ev = [
        Evidence(path=f"/documentation/{i}", text=f"catalogue entry: {d.title}" + ("" if d.url else " (no URL recorded)"))
        for i, d in entries
    ]
    ev += [
        Evidence(path=f"/identifiers/{i}", text=f"{ident.scheme} identifier {ident.value}")
        for i, ident in enumerate(record.identifiers)
        if ident.scheme in CATALOGUE_SCHEMES
    ]
    if any(d.url for _i, d in entries) or len(ev) > len(entries):
        return _finding("findable-in-catalogue", "met", ev)
    if entries:
        i, d = entries[0]
        return _finding(
            "findable-in-catalogue",
            "partly-met",
            ev,
            [(f"/documentation/{i}/url", f"Add the URL of the catalogue entry '{d.title}', so it can be found.")],
        )
    route_tres = {r.tre for r in record.access}
    feeds = [c.title for c in ctx.catalogue.target_catalogues if route_tres & set(c.tres)]
    if feeds:
        return _finding(
            "findable-in-catalogue",
            "partly-met",
            [Evidence(path="/access", text=f"will be listed in the {feeds[0]} feed")],
            [
                (
                    "/documentation",
                    "Add the catalogue entry (documentation kind catalogue-entry) with its URL once it is published.",
                )
            ],
        )
    return _finding(
        "findable-in-catalogue",
        "not-met",
        [],
        [
            (
                "/documentation",
                "List the dataset in a catalogue and add the entry as documentation (kind catalogue-entry) with its URL.",
            )
        ],
    )


def _documents(record: Record, kind: str) -> list[tuple[int, Document]]:
    return [(i, d) for i, d in enumerate(record.documentation) if d.kind == kind]


def _broken(ctx: Context, url: str | None) -> str | None:
    """Why a documentation link is broken, when links were checked; else None."""
    result = ctx.links.get(url) if ctx.links is not None and url else None
    if result is None or not result.broken or not result.answered:
        return None  # a timeout or failed connection may be the network's fault: never a verdict
    return f"HTTP {result.http_status}" if result.http_status else result.status.replace("-", " ")


def _guide_evidence(guides: list[tuple[int, Document]]) -> list[Evidence]:
    """Per user guide: who can read it and, when stated, whether it lists research questions."""
    return [
        Evidence(
            path=f"/documentation/{i}",
            text=f"'{d.title}' is {AVAILABILITY_WORDS[d.availability]}"
            + (
                ""
                if d.includes_research_questions is None
                else (", lists research questions" if d.includes_research_questions else ", lists no research questions")
            ),
        )
        for i, d in guides
    ]


def _questions_finding(linked: list[tuple[int, Document]], ev: list[Evidence]) -> Finding:
    """Given public guides with working links: met once one lists research questions, else what to add or confirm."""
    if any(d.includes_research_questions for _i, d in linked):
        return _finding("public-user-guide", "met", ev)
    i, d = linked[0]
    if d.includes_research_questions is False:
        return _finding(
            "public-user-guide", "partly-met", ev, [(f"/documentation/{i}", f"Add potential research questions to '{d.title}'.")]
        )
    return _finding(
        "public-user-guide",
        "partly-met",
        ev,
        [(f"/documentation/{i}/includes_research_questions", f"Confirm that '{d.title}' lists potential research questions.")],
    )


def public_user_guide(record: Record, ctx: Context) -> Finding:
    """ "... a minimum level of publicly available documentation including a minimum standard user
    guide with potential research questions ..."
    """
    guides = _documents(record, "user-guide")
    ev = _guide_evidence(guides)
    public = [(i, d) for i, d in guides if d.availability == "public"]
    if not guides:
        return _finding(
            "public-user-guide",
            "not-met",
            ev,
            [("/documentation", "Publish a user guide and add it to the documentation (kind user-guide) with its URL.")],
        )
    if not public:
        i, d = guides[0]
        return _finding(
            "public-user-guide",
            "not-met",
            ev,
            [
                (
                    f"/documentation/{i}/availability",
                    f"Make the user guide publicly available: '{d.title}' is {AVAILABILITY_WORDS[d.availability]}.",
                )
            ],
        )
    working = [(i, d) for i, d in public if not _broken(ctx, d.url)]
    if not working:
        i, d = public[0]
        return _finding(
            "public-user-guide",
            "partly-met",
            ev,
            [(f"/documentation/{i}/url", f"Fix the link to '{d.title}': {d.url} is broken ({_broken(ctx, d.url)}).")],
        )
    linked = [(i, d) for i, d in working if d.url]
    if not linked:
        i, d = working[0]
        return _finding(
            "public-user-guide",
            "partly-met",
            ev,
            [(f"/documentation/{i}/url", f"Add the URL of '{d.title}': public but without a link, nobody can find it.")],
        )
    return _questions_finding(linked, ev)


def _machine_readable(record: Record) -> Evidence | None:
    """The record's own (stated, so exported) dictionary, when it describes any variable."""
    d = record.dictionary
    count = sum(len(t.variables) for t in d.tables) if d else 0
    if not d or not count:
        return None
    labelled = sum(v.label is not None for t in d.tables for v in t.variables)
    described = sum(v.description is not None for t in d.tables for v in t.variables)
    return Evidence(
        path="/dictionary",
        text=f"a machine-readable data dictionary of {count} variable(s) in"
        f" {len(d.tables)} table(s) ({labelled} with labels, {described} with descriptions) is published"
        " with the record's metadata",
    )


def public_data_dictionary(record: Record, ctx: Context) -> Finding:
    """ "... a minimum level of publicly available documentation including ... a data dictionary ..."; the
    record's own dictionary is public once exported (the rules see stated facts only)."""
    dicts = _documents(record, "data-dictionary")
    ev = [Evidence(path=f"/documentation/{i}", text=f"'{d.title}' is {AVAILABILITY_WORDS[d.availability]}") for i, d in dicts]
    machine = _machine_readable(record)
    if machine is not None:
        return _finding("public-data-dictionary", "met", [machine, *ev])
    public = [d for _i, d in dicts if d.availability == "public"]
    if public and not any(d.url for d in public):
        i = next(i for i, d in dicts if d.availability == "public")
        return _finding(
            "public-data-dictionary",
            "partly-met",
            ev,
            [(f"/documentation/{i}/url", f"Add the URL of '{public[0].title}': public but without a link, nobody can find it.")],
        )
    public = [d for d in public if d.url]
    if public and all(_broken(ctx, d.url) for d in public):
        return _finding(
            "public-data-dictionary",
            "partly-met",
            ev,
            [
                (
                    "/documentation",
                    f"Fix the link to '{public[0].title}': {public[0].url} is broken ({_broken(ctx, public[0].url)}).",
                )
            ],
        )
    if public:
        return _finding("public-data-dictionary", "met", ev)
    if dicts:
        d = dicts[0][1]
        return _finding(
            "public-data-dictionary",
            "not-met",
            ev,
            [
                (
                    f"/documentation/{dicts[0][0]}/availability",
                    f"Make the data dictionary publicly available: '{d.title}' is {AVAILABILITY_WORDS[d.availability]}.",
                )
            ],
        )
    return _finding(
        "public-data-dictionary",
        "not-met",
        ev,
        [("/documentation", "Publish a data dictionary and add it to the documentation (kind data-dictionary) with its URL.")],
    )


def contact_route(record: Record, ctx: Context) -> Finding:
    """ "... a minimum level of publicly available documentation including ... and a route for
    seeking additional information."
    """
    ev = [
        Evidence(path=f"/contacts/{i}", text=f"{c.role}: {c.email or c.url}")
        for i, c in enumerate(record.contacts)
        if c.email or c.url
    ]
    if ev:
        return _finding("contact-route", "met", ev)
    return _finding("contact-route", "not-met", [], [("/contacts", "Add a contact with an email address or contact page.")])


# --- 5. Of wide appeal --------------------------------------------------------------------------

SUPPORT_KINDS = {"synthetic-data", "training", "webinar", "code"}


def wide_appeal(record: Record, ctx: Context) -> Finding:
    """ "We anticipate our flagship data being of notable interest to a wide diversity of
    researchers and research users ..."

    A judgement, not a test: the evidence (research already done with the data, several themes,
    support resources such as synthetic data and training) is reported for a person to weigh.
    """
    t = ctx.catalogue.flagship_thresholds
    ev = []
    if len(record.publications) >= t.wide_appeal_publications:
        ev.append(Evidence(path="/publications", text=f"{len(record.publications)} publication(s) using the data"))
    if len(record.themes) >= t.wide_appeal_themes:
        ev.append(Evidence(path="/themes", text=f"{len(record.themes)} research themes"))
    ev += [
        Evidence(path=f"/documentation/{i}", text=f"support resource: {d.title} ({d.kind})")
        for i, d in enumerate(record.documentation)
        if d.kind in SUPPORT_KINDS
    ]
    gaps = (
        []
        if ev
        else [
            (
                "/publications",
                "Record research done with the data, support resources (synthetic data, training) or further themes.",
            )
        ]
    )
    return _finding("wide-appeal", "needs-judgement", ev, gaps)


@attrs.frozen(kw_only=True)
class Criterion:
    id: str
    title: str
    quote: str
    rules: tuple[Callable[[Record, Context], Finding], ...]
    judgement: bool = False  # decided by a person; never fails a dataset on its own


# Rules whose evidence a collection may take from its parts (research questions, documentation,
# access routes, contacts): a collection is judged with its parts.
FROM_PARTS = frozenset(
    {
        "research-questions",
        "partnership-access",
        "findable-in-catalogue",
        "public-user-guide",
        "public-data-dictionary",
        "contact-route",
        "linked-data",
    }
)


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        id="linked",
        title="Linked administrative data",
        quote="Our flagship datasets must link administrative data or be linkable within a government "
        "department, or between two or more government departments.",
        rules=(linked_data,),
    ),
    Criterion(
        id="national",
        title="National datasets",
        quote="Our flagship datasets should have coverage of at least one UK nation, or wider "
        "(e.g. England and Wales, GB or UK).",
        rules=(national_coverage,),
    ),
    Criterion(
        id="research-value",
        title="Of significant research value",
        quote="Covering ADR UK's eight core strategic research themes - from environment and health to growing old - "
        "flagship datasets can address big societal issues and cross-cutting themes that transcend individual "
        "government department remits. These datasets have the potential to unlock considerable public good by "
        "helping to fill evidence gaps and address pressing policy needs of national importance.",
        rules=(research_themes, research_questions),
    ),
    Criterion(
        id="available",
        title="Available to the wider academic community",
        quote="All flagship datasets must be accessible to all accredited researchers via an ADR UK trusted "
        "research environment with approved legal gateways for research. This includes the datasets being "
        "findable in a catalogue with a minimum level of publicly available documentation including a "
        "minimum standard user guide with potential research questions; a data dictionary; and a route "
        "for seeking additional information.",
        rules=(partnership_access, findable_in_catalogue, public_user_guide, public_data_dictionary, contact_route),
    ),
    Criterion(
        id="wide-appeal",
        title="Of wide appeal",
        quote="We anticipate our flagship data being of notable interest to a wide diversity of researchers and research "
        "users ...",
        rules=(wide_appeal,),
        judgement=True,
    ),
)
