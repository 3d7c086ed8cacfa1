"""The CESSDA Data Catalogue DDI 2.5 profile, read from its own file.

Each `pr:Used` of the profile names an XPath and whether it is required; its description says
"Required: Mandatory", "Mandatory if ...", "Recommended" or "Optional". Mandatory rules become
errors and recommended ones warnings; optional rules are not checked. A rule on an attribute, or
one whose requirement is conditional ("Mandatory if parent is present"), applies to each parent
node that exists; any other rule needs at least one match in the document. A new profile version
is a file swap.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Literal

import attrs
from lxml import etree

from ..vendored import vendor_path
from .xmlsafe import safe_parser

PR = "ddi:ddiprofile:3_2"
R = "ddi:reusable:3_2"
XML_NS = "http://www.w3.org/XML/1998/namespace"
Level = Literal["mandatory", "recommended", "optional"]


@attrs.frozen
class ProfileRule:
    xpath: str
    level: Level
    conditional: bool
    requirement: str  # the profile's own words, e.g. "Mandatory if parent is present"


@attrs.frozen
class Profile:
    name: str
    version: str
    namespaces: dict[str, str]
    rules: tuple[ProfileRule, ...]


@attrs.frozen
class Finding:
    rule: ProfileRule
    level: Level
    line: int | None
    message: str


def _requirement(used: etree._Element) -> str:
    for content in used.iterfind(f"{{{R}}}Description/{{{R}}}Content"):
        text = " ".join((content.text or "").split())
        if text.startswith("Required:"):
            return text.removeprefix("Required:").strip()
    return "Mandatory" if used.get("isRequired") == "true" else "Optional"


def read_profile(path: Path) -> Profile:
    root = etree.parse(str(path), safe_parser()).getroot()
    namespaces = {"xml": XML_NS}
    for m in root.iterfind(f"{{{PR}}}XMLPrefixMap"):
        namespaces[m.findtext(f"{{{PR}}}XMLPrefix")] = m.findtext(f"{{{PR}}}XMLNamespace")
    rules = []
    for used in root.iterfind(f"{{{PR}}}Used"):
        words = _requirement(used)
        lowered = words.lower()
        level: Level = (
            "mandatory"
            if used.get("isRequired") == "true" or lowered.startswith("mandatory")
            else "recommended"
            if lowered.startswith("recommended")
            else "optional"
        )
        rules.append(ProfileRule(xpath=used.get("xpath"), level=level, conditional=" if " in f" {lowered} ", requirement=words))
    return Profile(
        name=root.findtext(f"{{{PR}}}DDIProfileName/{{{R}}}String") or path.name,
        version=root.findtext(f"{{{R}}}Version") or "",
        namespaces=namespaces,
        rules=tuple(rules),
    )


@functools.cache
def cdc_profile() -> Profile:
    return read_profile(vendor_path("cessda-cdc-ddi-2.5", "cdc25_profile.xml"))


_LAST_STEP = re.compile(r"^(.*)/([^/]+)$")


def check(doc: etree._ElementTree | etree._Element, profile: Profile | None = None) -> list[Finding]:
    profile = profile or cdc_profile()
    root = doc.getroot() if isinstance(doc, etree._ElementTree) else doc
    out = []
    for rule in profile.rules:
        if rule.level == "optional":
            continue
        parent_path, step = _LAST_STEP.match(rule.xpath).groups()  # type: ignore[union-attr]
        if step.startswith("@") or rule.conditional:
            for parent in root.xpath(parent_path or "/", namespaces=profile.namespaces):
                if not parent.xpath(step, namespaces=profile.namespaces):
                    out.append(
                        Finding(
                            rule=rule,
                            level=rule.level,
                            line=parent.sourceline,
                            message=f"{rule.xpath} is missing here ({rule.requirement}).",
                        )
                    )
        elif not root.xpath(rule.xpath, namespaces=profile.namespaces):
            out.append(Finding(rule=rule, level=rule.level, line=None, message=f"{rule.xpath} is missing ({rule.requirement})."))
    return out
