"""The resource directory: YAML data in data/resources, SQL tables, queries and formatting."""
