from .selectors import notification_unread_count


def unread_count(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": lambda: notification_unread_count(user=user)}
