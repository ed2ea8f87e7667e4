# Layout
site-tagline = Citizen office online
skip-to-content = Skip to content
nav-language = Choose language
nav-staff = Staff area
nav-workspace = Workspace
nav-audit = Audit log
nav-admin = Administration
signed-in-as = Signed in as { $name }
logout = Sign out
demo-banner = Demo installation: all data is made up. Emails are not sent but collected in the outbox.
contact-phone = Phone
contact-email = Email
staff-login = Staff sign-in
api-docs = Programming interface (API)
title-error-prefix = Error:
error-summary-title = There is a problem
back-to-start = Go to the start page
error-code = Error code

# Start page
home-title = Home
home-heading = Welcome to the citizen office of { $tenant }
home-lead = Get things done with the town administration – online, at a terminal, by video or in person.
home-contact-heading = How to reach us

# Login
login-title = Sign in
login-lead = Sign-in for staff of the administration.
field-email = Email address
field-password = Password
login-submit = Sign in
login-failed = The email address or password is wrong.
login-throttled = Too many failed sign-in attempts. Please wait 15 minutes and try again.

# Setting a password
password-title = Set your password
password-lead-invitation = You have been invited. Set a password for { $email }.
password-lead-reset = Set a new password for { $email }.
field-new-password = New password
hint-new-password = At least 12 characters. A sentence of several words is easy to remember and safe.
field-password-confirm = Repeat the password
password-submit = Save password

# Staff workspace
workspace-title = Workspace
workspace-welcome = Hello, { $name }.
workspace-role = Your role
workspace-appointments-lead = Appointments by location and counter, day and week; mark, move, cancel.
workspace-phone-lead = Book an appointment for a caller.
role-admin = Administrator
role-supervisor = Supervisor
role-clerk = Clerk
audit-lead = Who changed what and when: the tamper-evident log of all changes.
admin-lead = Municipality settings, staff, audit log and outbox.

# Notices after redirects
notice-password-set = Your password has been saved. You can sign in now.
notice-logged-out = You have been signed out.
notice-settings-saved = The settings have been saved.
notice-staff-invited = The invitation has been sent.
notice-staff-updated = The account has been changed.
notice-reset-sent = A link to reset the password has been sent.

# Error pages
error-400-title = The request is not valid
error-400-text = The request could not be processed. Please check what you entered and try again.
error-403-title = Access denied
error-403-text = You are not allowed to open this page.
error-404-title = Page not found
error-404-text = This page does not exist. If you typed the address, please check the spelling.
error-409-title = Conflict
error-409-text = The change does not fit the current state, for example because the entry already exists.
error-413-title = The data is too large
error-413-text = The data sent exceeds the allowed size.
error-429-title = Too many requests
error-429-text = Please wait a moment and try again.
error-csrf-title = The session has expired
error-csrf-text = The form has expired or was sent from another site. Please reload the page and send it again.
error-500-title = Something went wrong
error-500-text = Something went wrong on our side. Data you already saved is not lost. Please try again later.
unknown-host-title = Unknown address
unknown-host-text = This address does not belong to any municipality. Please check the web address.

# Validation messages (domain codes)
invalid-required = Please fill in this field.
invalid-email = Enter an email address in the format name@example.com.
invalid-ags-format = The municipality key has exactly 8 digits.
invalid-ags-state = The first two digits of the municipality key must name a federal state (01 to 16).
invalid-federal-state = Choose a federal state.
invalid-role = Choose a role.
invalid-slug = Use only lower-case letters, digits and hyphens (2 to 64 characters).
invalid-language = This language is not supported.
invalid-password-short = The password must be at least 12 characters long.
invalid-password-long = The password must be at most 256 characters long.
invalid-password-common = This password is too easy to guess. Choose another one.
invalid-password-mismatch = The two passwords do not match.
invalid-colour-format = Enter a colour in the format #1d4f91.
invalid-colour-contrast = This colour is too light: white text on it would be hard to read (contrast at least 4.5:1).
