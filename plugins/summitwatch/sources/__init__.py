"""Sources: feeds, pages, dropped documents and pushed items."""
