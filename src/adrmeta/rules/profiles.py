"""Catalogue profiles whose required fields must be filled in (HDR UK, the cross-government model):
for every record, what it lacks, so the owner knows why each export that leaves it out does so, and
which target catalogues' feeds miss it as a result."""

from __future__ import annotations

from collections.abc import Iterator

from .. import profiles
from ..model import Record
from ..report import Issue
from . import Context, Rule, emits, issue


def _where(export: str, formats: dict[str, list[str]], names: tuple[str, ...]) -> str:
    feeds = sorted({c for fmt in names for c in formats.get(fmt, ())})
    return export + (f", and so from the feed of {', '.join(feeds)}" if feeds else "")


def _formats(rec: Record, ctx: Context) -> dict[str, list[str]]:
    """Format -> ids of the target catalogues that take this record in it."""
    out: dict[str, list[str]] = {}
    for target in ctx.catalogue.target_catalogues:
        if profiles.takes(target, rec):
            for fmt in target.formats:
                out.setdefault(fmt, []).append(target.id)
    return out


@emits("hdruk.incomplete", "hdruk.section-omitted", "hdruk.value-not-mapped")
def hdruk_complete(rec: Record, ctx: Context) -> Iterator[Issue]:
    """HDR UK requires, filled in: a data custodian, an access-request email, the number of people,
    at least one dated observation and how to request access. Provenance needs the time lag too."""
    where = _where("the HDR UK exports (hdruk, hdruk-4)", _formats(rec, ctx), ("hdruk", "hdruk-4"))
    for gap in profiles.hdruk_gaps(ctx.catalogue, rec):
        yield issue("hdruk.incomplete", rec, gap.path, f"HDR UK requires {gap.need}; the record is left out of {where}.", gap.fix)
    for gap in profiles.hdruk_section_gaps(rec):
        yield issue(
            "hdruk.section-omitted", rec, gap.path, f"the HDR UK provenance section needs {gap.need}; it is left out.", gap.fix
        )
    yield from _unmapped_lead_times(rec)


def _unmapped_lead_times(rec: Record) -> Iterator[Issue]:
    """A lead time HDR UK's deliveryLeadTime cannot take as stated: it fits no single bucket, or
    an earlier route's lead time is the one the single field takes."""
    taken = None
    for i, text, word in profiles.hdruk_lead_times(rec):
        if word is None:
            why = "does not lie wholly in exactly one of HDR UK's deliveryLeadTime buckets"
        elif taken not in (None, word):
            why = f"differs from an earlier route's ('{taken}'), the one HDR UK's single deliveryLeadTime takes"
        else:
            taken = word
            continue
        yield issue(
            "hdruk.value-not-mapped",
            rec,
            f"/access/{i}/lead_time",
            f"the lead time '{text}' {why}, so the HDR UK exports leave it out.",
            "Nothing to do unless the source states a range such as '2-4 months': then write it as that range.",
        )


@emits("cddo.incomplete", "cddo.organisation-not-listed")
def cddo_complete(rec: Record, ctx: Context) -> Iterator[Issue]:
    """The cross-government model requires, filled in: version, a frequency from its scheme, a
    contact email, publisher and a creator on its GOV.UK list, a licence and a security classification,
    each as the record states it (the model defines no default for either)."""
    where = _where("the dcat-uk export", _formats(rec, ctx), ("dcat-uk",))
    for gap in profiles.cddo_gaps(ctx.catalogue, rec):
        yield issue(
            "cddo.incomplete",
            rec,
            gap.path,
            f"the cross-government model requires {gap.need}; the record is left out of {where}.",
            gap.fix,
        )
    for owner in profiles.unlisted_owners(ctx.catalogue, rec):
        i = rec.data_owners.index(owner)
        yield issue(
            "cddo.organisation-not-listed",
            rec,
            f"/data_owners/{i}",
            f"'{owner}' is not on the model's GOV.UK organisation list, so dct:creator leaves it out.",
            "Nothing to do unless it has a GOV.UK page: then add its gov_uk_slug in catalogue.yaml.",
        )


RULES: tuple[Rule, ...] = (hdruk_complete, cddo_complete)
