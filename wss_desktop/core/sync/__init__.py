"""Replication of reviews between devices: clocks, change files, merge, encryption."""
