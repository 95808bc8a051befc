"""Reference gazetteer data (countries, cities, organizations) as CSV files; built by scripts/build_reference.py."""
