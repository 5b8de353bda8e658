"""linkadviser: the Link Adviser's tool for the School Improvement Partnership Programme.

This package holds the domain and its services. It never imports Qt (that lives in
``linkadviser.ui``) and reaches the database only through ``linkadviser.store``.
"""

__version__ = "0.2.0"
