"""Whether a record's flagship designation counts: only the organisation that runs a flagship
programme designates its datasets, so the source cited for a record's `flagship` must be one that
organisation publishes.

The programme's organisation is the publisher of the programme's own source in catalogue.yaml
(`programmes[].source`, e.g. ADR UK's July 2023 brochure for the ADR England flagships), matched to
an organisation by its key, name, acronym or aliases. A source is that organisation's when its
`publisher` names the organisation and, when both give a URL, the source's host is the
organisation's (or below it): "publisher: ADR UK" on a gov.uk page does not count. Without such a
source the designation is not counted (`check`, the site) and `validate` reports it.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from ..model import Catalogue, Organisation, Record, Source
from ..provenance import source_of
from ..report import Issue
from . import Context, Rule, emits, issue


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _names(org: Organisation) -> set[str]:
    return {_fold(n) for n in (org.id, org.name, org.acronym, *org.aliases) if n}


def _host(url: str | None) -> str:
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.")


def _source(record: Record | None, catalogue: Catalogue, key: str | None) -> Source | None:
    """The source a key names: the record's own first (the first of a repeated key), else the
    catalogue's, as every other lookup (`Context.source_date`, the fingerprint, the site's Sources
    list) takes it: a record's own source stands for the catalogue's of the same key."""
    for s in (*(record.sources if record else ()), *catalogue.sources):
        if s.id == key:
            return s
    return None


def designator(catalogue: Catalogue, programme: str) -> Organisation | None:
    """The organisation publishing the programme's source: the one that designates its datasets."""
    prog = next((p for p in catalogue.programmes if p.id == programme), None)
    src = _source(None, catalogue, prog.source) if prog else None
    if src is None or not src.publisher:
        return None
    return next((o for o in catalogue.organisations if _fold(src.publisher) in _names(o)), None)


def published_by(source: Source, org: Organisation) -> bool:
    if not source.publisher or _fold(source.publisher) not in _names(org):
        return False
    home, host = _host(org.url), _host(source.url)
    return not (home and host) or host == home or host.endswith("." + home)


def designating_source(record: Record, ctx: Context) -> Source | None:
    """The source that states the record's designation, when the programme's organisation publishes
    it; None when the record has no designation or it does not count."""
    if not record.flagship:
        return None
    org = designator(ctx.catalogue, record.flagship)
    cited = _source(record, ctx.catalogue, source_of(record, "/flagship"))
    return cited if org is not None and cited is not None and published_by(cited, org) else None


def _why_not(record: Record, ctx: Context, programme: str) -> str:
    org = designator(ctx.catalogue, programme)
    cited = _source(record, ctx.catalogue, source_of(record, "/flagship"))
    if org is None:
        return (
            f"catalogue.yaml does not say who designates '{programme}': the publisher of the programme's source"
            " is not one of its organisations."
        )
    if cited is None:
        return f"no source is cited for it, and only {org.acronym or org.name} designates its flagship datasets."
    by = f"published by {cited.publisher}" if cited.publisher else "whose publisher is not given"
    at = f" at {urlsplit(str(cited.url)).hostname}" if cited.publisher and _host(cited.url) else ""
    return (
        f"its source '{cited.id}' is {by}{at}; only a source {org.acronym or org.name} publishes can designate"
        " its flagship datasets."
    )


@emits("flagship.designation-source")
def designation_source(record: Record, ctx: Context) -> Iterator[Issue]:
    """A `flagship` designation counts only when a source the programme's organisation publishes
    states it; any other is not counted anywhere and would otherwise pass unnoticed."""
    programme = record.flagship
    if not programme or all(p.id != programme for p in ctx.catalogue.programmes):
        return  # an unknown programme is reference.unknown
    if designating_source(record, ctx) is None:
        yield issue(
            "flagship.designation-source",
            record,
            "/flagship",
            f"the record says it is one of the '{programme}' datasets, but {_why_not(record, ctx, programme)}"
            " The designation is not counted.",
            "Cite the designating organisation's own page or publication that names this dataset (a provenance"
            " entry for /flagship), or remove flagship.",
        )


RULES: tuple[Rule, ...] = (designation_source,)
