// Placeholder until the proof-of-work solver lands.
