"""Spreadsheet import of the intervention bank (docs/editors/import.md).

- files: reading a CSV or XLSX file into a table, within the import's bounds
- values: parsing single cells
- lookups: the organisations, people, categories and languages rows name
- run: checking the rows and writing them (run_import), shared by
  `manage.py import_interventions` and the admin's import
"""
