"""The ADR England flagship criteria, one small rule per criterion and sub-criterion.

The criteria are quoted from "What are ADR England Flagship Datasets?" in the July 2023 brochure
(`adr-2023-flagship-brochure`). Each rule returns a `Finding`: a verdict, the record fields that
decided it, and what to add to meet it. Rules never raise and never read files; thresholds, the
partnership TREs and the approved legal gateways come from catalogue.yaml.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import attrs

from ..model import Document, Record
from . import Context

Verdict = Literal["met", "partly-met", "not-met", "needs-judgement"]
VERDICT_RANK: dict[str, int] = {"met": 0, "needs-judgement": 0, "partly-met": 1, "not-met": 2}
AVAILABILITY_WORDS = {
    "public": "publicly available",
    "on-request": "available only on request",
    "tre-only": "available only inside the trusted research environment",
    "forthcoming": "announced but not yet published",
}


@attrs.frozen(kw_only=True)
class Evidence:
    path: str   # JSON pointer into the record
    text: str


@attrs.frozen(kw_only=True)
class Finding:
    rule: str
    verdict: Verdict
    evidence: tuple[Evidence, ...] = ()
    to_do: tuple[str, ...] = ()   # what to add or change to meet the rule


def _finding(rule: str, verdict: Verdict, evidence: list[Evidence], to_do: list[str] | None = None) -> Finding:
    return Finding(rule=rule, verdict=verdict, evidence=tuple(evidence), to_do=tuple(to_do or ()))


def _provider_names(record: Record) -> set[str]:
    return {c.provider for c in record.components if c.provider}


# --- 1. Linked administrative data ------------------------------------------------------------

def linked_data(record: Record, ctx: Context) -> Finding:
    """"Our flagship datasets must link administrative data or be linkable within a government
    department, or between two or more government departments."

    Met by a declared linkage, or by components from more than one provider.
    """
    ev = []
    if record.linkage:
        ev.append(Evidence(path="/linkage/scope", text=f"linkage declared: {record.linkage.scope}"
                           + (f", {record.linkage.method}" if record.linkage.method != "unknown" else "")))
        return _finding("linked-data", "met", ev)
    providers = _provider_names(record)
    if len(record.components) >= 2:
        ev.append(Evidence(path="/components", text=f"{len(record.components)} components from "
                           f"{len(providers) or 'unstated'} provider(s)"))
        if len(providers) >= 2:
            return _finding("linked-data", "met", ev, ["Declare the linkage under `linkage` to say how it works."])
        return _finding("linked-data", "partly-met", ev,
                        ["Declare under `linkage` how the components are linked (scope and method)."])
    return _finding("linked-data", "not-met", ev,
                    ["Declare the linkage under `linkage`, or list the linked component datasets."])


# --- 2. National datasets ---------------------------------------------------------------------

def national_coverage(record: Record, ctx: Context) -> Finding:
    """"Our flagship datasets should have coverage of at least one UK nation, or wider (e.g.
    England and Wales, GB or UK)."

    Components covering less than a nation (say, one city) are reported as evidence.
    """
    nations = record.coverage.nations
    ev = [Evidence(path="/coverage/nations", text="covers " + ", ".join(nations))] if nations else []
    for i, comp in enumerate(record.components):
        if comp.coverage and comp.coverage.area:
            ev.append(Evidence(path=f"/components/{i}/coverage/area",
                               text=f"component '{comp.title}' covers {comp.coverage.area} only"))
    if not nations:
        return _finding("national-coverage", "not-met", ev, ["List the UK nations covered under `coverage.nations`."])
    if record.coverage.area:
        ev.append(Evidence(path="/coverage/area", text=f"the dataset covers {record.coverage.area} only"))
        return _finding("national-coverage", "partly-met", ev,
                        ["Coverage must include at least one whole UK nation."])
    return _finding("national-coverage", "met", ev)


# --- 3. Of significant research value ---------------------------------------------------------

def mapped_to_themes(record: Record, ctx: Context) -> Finding:
    """"Covering ADR UK's eight core strategic research themes - from environment and health to
    growing old - flagship datasets can address big societal issues and cross-cutting themes."
    """
    need = ctx.catalogue.flagship_thresholds.min_themes
    labels = {t.id: t.label for t in ctx.catalogue.themes}
    ev = [Evidence(path=f"/themes/{i}", text=f"theme: {labels.get(t, t)}") for i, t in enumerate(record.themes)]
    if len(record.themes) >= need:
        return _finding("research-themes", "met", ev)
    return _finding("research-themes", "not-met", ev,
                    [f"Map the dataset to at least {need} ADR research theme(s) under `themes`."])


def research_questions(record: Record, ctx: Context) -> Finding:
    """"These datasets have the potential to unlock considerable public good by helping to fill
    evidence gaps and address pressing policy needs of national importance."

    Shown by example research questions the data could address.
    """
    need = ctx.catalogue.flagship_thresholds.min_research_questions
    n = len(record.research_questions)
    ev = [Evidence(path="/research_questions", text=f"{n} example research question(s)")] if n else []
    if n >= need:
        return _finding("research-questions", "met", ev)
    return _finding("research-questions", "not-met", ev,
                    [f"Give at least {need} example research question(s) under `research_questions`."])


# --- 4. Available to the wider academic community ---------------------------------------------

def partnership_access(record: Record, ctx: Context) -> Finding:
    """"All flagship datasets must be accessible to all accredited researchers via an ADR UK
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
        return _finding("partnership-access", "not-met", ev,
                        [f"The dataset is {record.status}: it must be accessible through a partnership TRE."])
    if partial:
        return _finding("partnership-access", "partly-met", ev,
                        [f"Record the approved legal gateway of access route {partial[0]} (`legal_gateway`)."])
    return _finding("partnership-access", "not-met", ev,
                    ["Add an access route through an ADR UK partnership TRE with its legal gateway."])


CATALOGUE_SCHEMES = {"ons-srs", "hdruk-gateway", "rds", "sail"}


def findable_in_catalogue(record: Record, ctx: Context) -> Finding:
    """"This includes the datasets being findable in a catalogue."

    Met by a catalogue entry (documentation of kind catalogue-entry, or a catalogue identifier);
    partly met when the record's TRE feeds a target catalogue that will list it once harvested.
    """
    ev = [Evidence(path=f"/documentation/{i}", text=f"catalogue entry: {d.title}")
          for i, d in enumerate(record.documentation) if d.kind == "catalogue-entry"]
    ev += [Evidence(path=f"/identifiers/{i}", text=f"{ident.scheme} identifier {ident.value}")
           for i, ident in enumerate(record.identifiers) if ident.scheme in CATALOGUE_SCHEMES]
    if ev:
        return _finding("findable-in-catalogue", "met", ev)
    route_tres = {r.tre for r in record.access}
    feeds = [c.title for c in ctx.catalogue.target_catalogues if route_tres & set(c.tres)]
    if feeds:
        return _finding("findable-in-catalogue", "partly-met",
                        [Evidence(path="/access", text=f"will be listed in the {feeds[0]} feed")],
                        ["Add the catalogue entry (documentation kind `catalogue-entry`) once it is published."])
    return _finding("findable-in-catalogue", "not-met", [],
                    ["List the dataset in a catalogue and add the entry as documentation of kind `catalogue-entry`."])


def _documents(record: Record, kind: str) -> list[tuple[int, Document]]:
    return [(i, d) for i, d in enumerate(record.documentation) if d.kind == kind]


def _broken(ctx: Context, url: str | None) -> str | None:
    """Why a documentation link is broken, when links were checked; else None."""
    result = ctx.links.get(url) if ctx.links is not None and url else None
    if result is None or not result.broken:
        return None
    return f"HTTP {result.http_status}" if result.http_status else result.status.replace("-", " ")


def public_user_guide(record: Record, ctx: Context) -> Finding:
    """"a minimum level of publicly available documentation including a minimum standard user
    guide with potential research questions"
    """
    guides = _documents(record, "user-guide")
    ev = [Evidence(path=f"/documentation/{i}", text=f"'{d.title}' is {AVAILABILITY_WORDS[d.availability]}"
                   + ("" if d.includes_research_questions is None else
                      (", lists research questions" if d.includes_research_questions else ", lists no research questions")))
          for i, d in guides]
    public = [(i, d) for i, d in guides if d.availability == "public"]
    if not guides:
        return _finding("public-user-guide", "not-met", ev, ["Publish a user guide and add it under `documentation`."])
    if not public:
        i, d = guides[0]
        return _finding("public-user-guide", "not-met", ev,
                        [f"Make the user guide publicly available: '{d.title}' is {AVAILABILITY_WORDS[d.availability]}."])
    working = [(i, d) for i, d in public if not _broken(ctx, d.url)]
    if not working:
        i, d = public[0]
        return _finding("public-user-guide", "partly-met", ev,
                        [f"Fix the link to '{d.title}': {d.url} is broken ({_broken(ctx, d.url)})."])
    public = working
    if any(d.includes_research_questions for _i, d in public):
        return _finding("public-user-guide", "met", ev)
    i, d = public[0]
    if d.includes_research_questions is False:
        return _finding("public-user-guide", "partly-met", ev,
                        [f"Add potential research questions to '{d.title}'."])
    return _finding("public-user-guide", "partly-met", ev,
                    [f"Confirm that '{d.title}' lists potential research questions (`includes_research_questions`)."])


def public_data_dictionary(record: Record, ctx: Context) -> Finding:
    """"a minimum level of publicly available documentation including ... a data dictionary" """
    dicts = _documents(record, "data-dictionary")
    ev = [Evidence(path=f"/documentation/{i}", text=f"'{d.title}' is {AVAILABILITY_WORDS[d.availability]}")
          for i, d in dicts]
    public = [d for _i, d in dicts if d.availability == "public"]
    if public and all(_broken(ctx, d.url) for d in public):
        return _finding("public-data-dictionary", "partly-met", ev,
                        [f"Fix the link to '{public[0].title}': {public[0].url} is broken ({_broken(ctx, public[0].url)})."])
    if public:
        return _finding("public-data-dictionary", "met", ev)
    if dicts:
        d = dicts[0][1]
        return _finding("public-data-dictionary", "not-met", ev,
                        [f"Make the data dictionary publicly available: '{d.title}' is {AVAILABILITY_WORDS[d.availability]}."])
    return _finding("public-data-dictionary", "not-met", ev,
                    ["Publish a data dictionary and add it under `documentation`."])


def contact_route(record: Record, ctx: Context) -> Finding:
    """"a minimum level of publicly available documentation including ... a route for seeking
    additional information."
    """
    ev = [Evidence(path=f"/contacts/{i}", text=f"{c.role}: {c.email or c.url}")
          for i, c in enumerate(record.contacts) if c.email or c.url]
    if ev:
        return _finding("contact-route", "met", ev)
    return _finding("contact-route", "not-met", [], ["Add a contact with an email address or contact page."])


# --- 5. Of wide appeal --------------------------------------------------------------------------

SUPPORT_KINDS = {"synthetic-data", "training", "webinar", "code"}


def wide_appeal(record: Record, ctx: Context) -> Finding:
    """"We anticipate our flagship data being of notable interest to a wide diversity of
    researchers and research users."

    A judgement, not a test: the evidence (research already done with the data, several themes,
    support resources such as synthetic data and training) is reported for a person to weigh.
    """
    t = ctx.catalogue.flagship_thresholds
    ev = []
    if len(record.publications) >= t.wide_appeal_publications:
        ev.append(Evidence(path="/publications", text=f"{len(record.publications)} publication(s) using the data"))
    if len(record.themes) >= t.wide_appeal_themes:
        ev.append(Evidence(path="/themes", text=f"{len(record.themes)} research themes"))
    ev += [Evidence(path=f"/documentation/{i}", text=f"support resource: {d.title} ({d.kind})")
           for i, d in enumerate(record.documentation) if d.kind in SUPPORT_KINDS]
    to_do = [] if ev else ["Record research done with the data, support resources (synthetic data, training) or further themes."]
    return _finding("wide-appeal", "needs-judgement", ev, to_do)


@attrs.frozen(kw_only=True)
class Criterion:
    id: str
    title: str
    quote: str
    rules: tuple[Callable[[Record, Context], Finding], ...]
    judgement: bool = False  # decided by a person; never fails a dataset on its own


CRITERIA: tuple[Criterion, ...] = (
    Criterion(id="linked", title="Linked administrative data",
              quote="Our flagship datasets must link administrative data or be linkable within a government "
                    "department, or between two or more government departments.",
              rules=(linked_data,)),
    Criterion(id="national", title="National datasets",
              quote="Our flagship datasets should have coverage of at least one UK nation, or wider "
                    "(e.g. England and Wales, GB or UK).",
              rules=(national_coverage,)),
    Criterion(id="research-value", title="Of significant research value",
              quote="Covering ADR UK's eight core strategic research themes ... flagship datasets can address "
                    "big societal issues and cross-cutting themes.",
              rules=(mapped_to_themes, research_questions)),
    Criterion(id="available", title="Available to the wider academic community",
              quote="All flagship datasets must be accessible to all accredited researchers via an ADR UK trusted "
                    "research environment with approved legal gateways for research.",
              rules=(partnership_access, findable_in_catalogue, public_user_guide, public_data_dictionary,
                     contact_route)),
    Criterion(id="wide-appeal", title="Of wide appeal",
              quote="We anticipate our flagship data being of notable interest to a wide diversity of researchers "
                    "and research users.",
              rules=(wide_appeal,), judgement=True),
)
