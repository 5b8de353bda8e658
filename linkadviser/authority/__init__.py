"""The authority's view: the county's Ofsted picture, risk, programme delivery and costs.

These services read the central store (or any store) and return plain dataclasses, so the same
figures feed the command line, the CSV and PDF reports and the county view in the app.
"""
