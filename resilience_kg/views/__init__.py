"""Interactive network views and the offline report: self-contained HTML pages."""
