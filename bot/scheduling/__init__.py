"""Background work: the pipeline worker that triages pending mentions (and, later, deadline sweeps)."""
