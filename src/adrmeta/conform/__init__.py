"""Checks of exported bytes against the vendored official artefacts (XSD, profiles, shapes).
None of them uses the network."""
