"""Optional TOTP two-factor sign-in for editors (django-otp)."""
