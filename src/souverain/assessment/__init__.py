"""Where a platform, on a given cloud, stands against the EU Cloud Sovereignty Framework.

`souverain assess` answers, for each of the framework's eight objectives (SOV-1 ... SOV-8),
the SEAL level the stack reaches, the sourced facts behind it and what the next level
needs, then the weighted sovereignty score and the lowest objective. It is a
self-assessment from public facts (the catalog) and from what the offline plan deploys,
not a certification.

The framework is data (``data/objectives.yaml``), so is the mapping of each rule to the
objectives and outside controls it serves (``data/mappings.yaml``). Modules here import
nothing heavy at package level: reports read the mappings without loading the rest.
"""
