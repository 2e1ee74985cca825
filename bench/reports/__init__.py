"""Reports of a run directory: the analysis (intervals, paired tests, breakdowns) and its
renderings for the terminal, Markdown, CSV/JSON tables and a self-contained HTML page."""
