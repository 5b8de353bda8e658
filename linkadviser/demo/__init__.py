"""The invented demo county: a ready-made caseload for new users, and a county-sized store
for benchmarks. Everything these modules write is invented and marked so (Meta ``demo=true``).
"""
