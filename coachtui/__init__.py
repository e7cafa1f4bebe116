"""coachtui: a calm terminal coach for hard customer moments, with a private journal."""

__version__ = "0.1.0"
