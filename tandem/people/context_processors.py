def roles(request):
    """What the navigation needs to know about the viewer's roles."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_admin_anywhere": False}
    is_admin = user.is_global_admin or user.administered_programs.exists()
    return {"is_admin_anywhere": is_admin}
