"""`python -m serve ...`: start the app (serve/launcher.py)."""

from serve.launcher import main

main()
