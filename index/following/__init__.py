"""Following outlets and stories: feed subscriptions, refresh, unread marks,
followed stories and what changed in them."""
