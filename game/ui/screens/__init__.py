"""The desktop player's screens; each handles events, updates and draws itself."""
