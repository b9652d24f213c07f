#!/usr/bin/env python
"""Django's command-line utility for Tianping (the same as ``python -m tianping``)."""

from tianping.__main__ import main

if __name__ == "__main__":
    main()
