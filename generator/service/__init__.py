"""Where compose, render and check meet: plan, compose, render, write atomically, record
in the manifest; batch, validate and scaffold on top of that."""
