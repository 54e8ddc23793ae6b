"""Pages of the identity context. Thin: authenticate, parse, call one service, render."""
