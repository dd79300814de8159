"""The benchmark suite: `python -m bench` runs every script in this folder and prints one table.

Each benchmark is a script `bench/NAME.py` with an `if __name__ == "__main__":` block that prints,
besides anything else, one line per figure:

    RESULT <name> <value> <unit> <target>

`target` is `<=X`, `>=X` or `==X`: every figure has one. See bench/README.md.
"""
