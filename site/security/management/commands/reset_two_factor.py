"""Remove a user's two-factor devices (authenticator and recovery codes),
e.g. after a lost phone, when nobody who may edit users can sign in to the
admin to do it there.

    manage.py reset_two_factor USERNAME
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lifelong_site.security.two_factor.devices import remove_all_devices


class Command(BaseCommand):
    help = "Remove a user's two-factor sign-in devices so they can sign in with the password and enrol again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get_by_natural_key(options["username"])
        except user_model.DoesNotExist as error:
            raise CommandError(f"No user named {options['username']!r}.") from error
        removed = remove_all_devices(user)
        if removed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Removed {removed} two-factor device(s) of {user.get_username()}."
                )
            )
        else:
            self.stdout.write(f"{user.get_username()} had no two-factor devices.")
