"""School performance data: reading the public files, analysing them, preparing visits.

No Qt here. What an authority may change (which columns mean what, the markers of suppressed
figures, the question rules, how targets are proposed) is data in ``resources/data``.
"""
