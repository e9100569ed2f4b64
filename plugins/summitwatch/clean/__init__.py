"""Cleaning: HTML to text, encoding repair, language, dates, canonical URLs."""
