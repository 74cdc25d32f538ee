"""Who said what in international politics: a knowledge graph built from news and analysis texts."""
__version__ = "0.1.0"
