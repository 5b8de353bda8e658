"""Keys, the authority's certificate authority, PAdES signatures and signed sync manifests.

An adviser's private key lives in the data folder beside the store, encrypted with a
passphrase only the adviser knows (``adviser``); the authority's certificate authority lives in
the central store, its key encrypted with the centre's passphrase (``centre``). Certificates,
the authority's root and its revocation list are public and kept in the store's ``meta``
table (``state``). No Qt here, and nothing here ever prints a passphrase or a key.
"""
