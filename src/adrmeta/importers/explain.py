"""Notes about values that do have a record field but could not be put in it (an organisation
not in catalogue.yaml, a lead time with no TRE to hang the route on, a time lag worded unlike
the record's terms): the import report says which field and why, never "has no record field".

Each importer lists, by a pattern of source paths, the field and the reason; `explain` rewrites
the report entries of the notes it kept for such paths.
"""

from __future__ import annotations

import re

import attrs

from .draft import Draft, shown

ORG = "the organisation is not in catalogue.yaml"
NO_TRE = "no trusted research environment in catalogue.yaml is named to hang an access route on"

# (pattern of the source path, record field, why it is not there)
HDRUK = (
    (r"/summary/(publisher|dataCustodian)/(name|identifier)$", "publisher", ORG),
    (
        r"/provenance/origin/datasetType(/\d+)?(/name|/subTypes(/\d+)?)?$",
        "themes",
        "HDR UK's dataset types are no ADR research themes (adrmeta's export maps the other way only)",
    ),
    (r"/accessibility/access/dataController(/\d+)?$", "data_owners", ORG),
    (r"/accessibility/usage/resourceCreator(/\d+)?(/name)?$", "contributors", ORG),
    (
        r"/(accessibility/access|summary/publisher|summary/dataCustodian)/(accessRights|accessService|deliveryLeadTime)$",
        "access",
        NO_TRE,
    ),
    (r"/summary/abstract$", "summary", "the summary holds the fuller description, which the abstract does not begin"),
    (r"/accessibility/usage/(dataUseLimitation|dataUseRequirements)(/\d+)?$", "access/*/conditions", NO_TRE),
    (r"/provenance/temporal/timeLag$", "time_lag", "its wording is none of the field's terms"),
    (
        r"/(accessibility/usage/isReferencedBy|enrichmentAndLinkage/publication(About|Using)Dataset)(/\d+)?$",
        "publications",
        "the citation gives no DOI to identify it; add it as a publication with its title",
    ),
    (r"/(documentation|enrichmentAndLinkage)/isPartOf(/\d+)?$", "part_of", "it names no dataset of this catalogue"),
    (r"/(accessRights|accessRequestDuration)$", "access", NO_TRE),
    (r"/(dataController|creator|publisher|organisation)$", "data_owners, contributors or publisher", ORG),
)
DDI = (
    (r"/rspStmt/AuthEnty(\[\d+\])?$", "data_owners", ORG),
    (r"/prodStmt/producer(\[\d+\])?$", "publisher", ORG),
    (r"/prodStmt/fundAg(\[\d+\])?$", "contributors", ORG),
    (r"/distStmt/distrbtr(\[\d+\])?$", "contributors", ORG),
    (r"/subject/topcClas(\[\d+\])?$", "themes", "the theme is not in catalogue.yaml"),
    (r"/setAvail/accsPlac(\[\d+\])?$", "access", NO_TRE),
    (r"/useStmt(\[\d+\])?/(restrctn|conditions|specPerm)(\[\d+\])?$", "access/*/conditions", NO_TRE),
    (r"/sumDscr/anlyUnit(\[\d+\])?$", "unit_of_analysis", "the unit is none of the DDI Analysis Unit labels"),
    (r"/sumDscr/nation(\[\d+\])?$", "coverage/nations", "the name is no UK nation"),
    (r"/othrStdyMat/relPubl(\[\d+\])?$", "publications", "the citation has no title element"),
    (r"/othrStdyMat/relStdy(\[\d+\])?$", "part_of or has_part", "it names no record of this catalogue"),
)
CDDO = (
    (r"/theme(/\d+)?$", "themes", "the theme is not in catalogue.yaml"),
    (r"/(creator(/\d+)?|publisher)$", "data_owners or publisher", ORG),
)


def explain(d: Draft, table: tuple[tuple[str, str, str], ...]) -> None:
    """Rewrite the report entries of notes whose source path has a record field."""
    rules = [(re.compile(p), field, why) for p, field, why in table]
    for n, issue in enumerate(d.issues):
        if issue.code != "import.unmapped" or " has no record field: " not in issue.message:
            continue
        path, _, value = issue.message.partition(" has no record field: ")
        hit = next(((field, why) for rx, field, why in rules if rx.search(path)), None)
        if hit:
            d.issues[n] = attrs.evolve(
                issue, message=f"{path} belongs in {hit[0]}, but {hit[1]}; it is kept in the notes: {shown(value)}"
            )
