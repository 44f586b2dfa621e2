"""The shell: layout, sign-in, set-up, home, profile, status."""
