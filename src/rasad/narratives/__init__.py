"""Narratives: storylines defined in a catalogue (`catalogue`), matched to articles and claims
(`match`), discovered among the claims no catalogue narrative explains (`discover`), and followed
over time, outlets and languages (`spread`). The corpus stage is `rasad.narratives.stage`."""
