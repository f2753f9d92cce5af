import DartScheduler

extension ScheduleListView {
    /// Every configured job with its switches, running state, last slot and next `nextSlotCount` slots.
    public static func build(scheduler: Scheduler, nextSlotCount: Int = 5) async throws -> ScheduleListView {
        let settings = scheduler.schedulingSettings
        let statuses = try scheduler.jobStatuses()
        var views: [ScheduleView] = []
        for job in settings.jobs {
            let zone = try scheduler.slots(job: job.name).zone
            let status = statuses.first { $0.job == job.name }
            views.append(ScheduleView(
                job: job.name, enabled: status?.isActive ?? job.enabled, configuredEnabled: job.enabled,
                operatorEnabled: status?.operatorEnabled ?? true, expression: job.schedule, timezone: settings.timezone,
                product: job.product.rawValue, retrain: job.retrain, overlap: job.overlap.rawValue, catchUp: job.catchUp.rawValue,
                running: await scheduler.isRunning(job: job.name),
                nextSlots: try scheduler.upcomingSlots(job: job.name, count: nextSlotCount).map { SlotView(description: $0, zone: zone) },
                lastSlot: status?.lastSlotUTC.map { SlotView(description: SlotDescription(utc: $0, zone: zone), zone: zone) }))
        }
        return ScheduleListView(timezone: settings.timezone, schedules: views)
    }
}
