"""Every entity type, Region included, is known end to end: ontology, shapes, palette, country links."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, SH

from kgraph.reference.entities import country_of, reference_ref
from kgraph.export.palette import PALETTE
from kgraph.rdf.namespace import KG
from kgraph.rdf.ontology import load_ontology
from kgraph.reference.tables import load_reference
from kgraph.types import ENTITY_TYPES
from kgraph.rdf.validate import load_shapes


@pytest.mark.parametrize("entity_type", ENTITY_TYPES)
def test_every_type_is_a_class_a_shacl_target_and_has_a_colour(entity_type):
    assert (KG[entity_type], RDF.type, OWL.Class) in load_ontology()
    assert KG[entity_type] in set(load_shapes().objects(None, SH.targetClass))
    assert entity_type in PALETTE


def test_colours_are_distinct():
    assert len(set(PALETTE.values())) == len(PALETTE)


@pytest.mark.parametrize(
    ("region", "country"),
    [
        ("kursk-oblast", "Russia"),
        ("donbas", "Ukraine"),
        ("north-kivu", "Democratic Republic of the Congo"),
        ("cabo-delgado", "Mozambique"),
        ("gaza-strip", "Palestine"),
    ],
)
def test_a_region_stands_in_its_country(region, country):
    ref = reference_ref(load_reference().get(region))
    assert ref.type == "Region"
    assert country_of(ref).label == country


def test_a_region_across_borders_stands_in_no_country():
    assert country_of(reference_ref(load_reference().get("sahel"))) is None
    assert country_of(reference_ref(load_reference().get("kashmir"))) is None
