"""Catalogue profiles whose required fields must be filled in: for each record a target catalogue
harvests in such a format (HDR UK for SAIL and Research Data Scotland, the cross-government model
for ONS), what the record lacks, so the owner knows why the export leaves it out."""

from __future__ import annotations

from collections.abc import Iterator

from .. import profiles
from ..lookup import takes
from ..model import Record
from ..report import Issue
from . import Context, Rule, emits, issue


def _formats(rec: Record, ctx: Context) -> dict[str, list[str]]:
    """Format -> ids of the target catalogues that take this record in it."""
    out: dict[str, list[str]] = {}
    for target in ctx.catalogue.target_catalogues:
        if takes(target, rec):
            for fmt in target.formats:
                out.setdefault(fmt, []).append(target.id)
    return out


@emits("hdruk.incomplete", "hdruk.section-omitted")
def hdruk_complete(rec: Record, ctx: Context) -> Iterator[Issue]:
    """HDR UK requires, filled in: an access-request email, the number of people, at least one
    dated observation and how to request access. Provenance needs the time lag too."""
    formats = _formats(rec, ctx)
    catalogues = sorted({c for fmt in ("hdruk", "hdruk-4") for c in formats.get(fmt, ())})
    if not catalogues:
        return
    where = ", ".join(catalogues)
    for gap in profiles.hdruk_gaps(ctx.catalogue, rec):
        yield issue("hdruk.incomplete", rec, gap.path,
                    f"HDR UK requires {gap.need}; the record is left out of the HDR UK feed of {where}.", gap.fix)
    for gap in profiles.hdruk_section_gaps(rec):
        yield issue("hdruk.section-omitted", rec, gap.path,
                    f"the HDR UK provenance section needs {gap.need}; it is left out.", gap.fix)


@emits("cddo.incomplete", "cddo.organisation-not-listed")
def cddo_complete(rec: Record, ctx: Context) -> Iterator[Issue]:
    """The cross-government model requires, filled in: version, a frequency from its scheme, a
    contact email, publisher and a creator on its GOV.UK list, and a security classification."""
    catalogues = _formats(rec, ctx).get("dcat-uk")
    if not catalogues:
        return
    where = ", ".join(catalogues)
    for gap in profiles.cddo_gaps(ctx.catalogue, rec):
        yield issue("cddo.incomplete", rec, gap.path,
                    f"the cross-government model requires {gap.need}; the record is left out of the dcat-uk feed of {where}.",
                    gap.fix)
    for owner in profiles.unlisted_owners(ctx.catalogue, rec):
        i = rec.data_owners.index(owner)
        yield issue("cddo.organisation-not-listed", rec, f"/data_owners/{i}",
                    f"'{owner}' is not on the model's GOV.UK organisation list, so dct:creator leaves it out.",
                    "Nothing to do unless it has a GOV.UK page: then add its gov_uk_slug in catalogue.yaml.")


RULES: tuple[Rule, ...] = (hdruk_complete, cddo_complete)
