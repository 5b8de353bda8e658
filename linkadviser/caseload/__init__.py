"""The adviser's caseload: what is due, its rows, and the start-up snapshot.

Kept empty so that ``caseload.rows`` and ``caseload.snapshot`` load before the data layer.
"""
