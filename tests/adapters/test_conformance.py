"""Every installed adapter passes the shared conformance suite under mocks."""

from souverain.testing.conformance import installed_suites

globals().update(installed_suites())
