"""Moving a platform between two stacks: what changes, how the verdict moves, and the exit plan.

``souverain diff --from A --to B`` plans both stacks offline, checks both, and compares
every part of the description on both sides; then it orders the steps that move data and
keys out of ``A`` and into ``B``, in any direction and between any adapters.
"""

from souverain.move.compare import compare, compare_stacks
from souverain.move.model import Move
from souverain.move.render import to_json, to_markdown, to_table

__all__ = ["Move", "compare", "compare_stacks", "to_json", "to_markdown", "to_table"]
