"""Köp, byt och sälj between the organisations of a region: offers (the
interventions' exchange terms), seeks, matching and agreements. Models in
cms/models/exchange.py."""
