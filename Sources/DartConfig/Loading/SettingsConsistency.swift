/// Warnings about settings that are valid one by one but do nothing together.
enum SettingsConsistency {
    static func check(_ settings: Settings, context: ReadContext) {
        if settings.output.writeSQL && !settings.sql.enabled {
            context.warn(.suspicious, "output.write_sql", at: nil, "has no effect while sql.enabled is false")
        }
        if settings.output.notify && !settings.notifications.enabled {
            context.warn(.suspicious, "output.notify", at: nil, "has no effect while notifications.enabled is false")
        }
        if settings.models.ensemble && settings.models.families.count < 2 {
            context.warn(.suspicious, "models.ensemble", at: nil, "needs at least two families in models.families to combine")
        }
        if !settings.scheduling.jobs.contains(where: \.enabled) {
            context.warn(.suspicious, "scheduling.jobs", at: nil, "every job is disabled; `dartcast serve` will run nothing")
        }
    }
}
