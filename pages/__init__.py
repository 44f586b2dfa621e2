"""The shell: layout, sign-in, set-up, home, profile, status."""

from pages import patches

patches.install()
