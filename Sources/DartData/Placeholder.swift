// Placeholder until the market store lands.
