"""The resource vocabulary: what kind of thing a provider's resource is, and where its facts live.

Rules judge kinds (bucket, key, firewall rule...), never provider type tokens. Which type
token is which kind, and which property holds its region, labels, key, public flag or
image, is data: one mapping file per provider package under ``data/``, with sources.
"""
