extension SchedulingSettings {
    init(reading reader: ObjectReader) {
        let defaults = SchedulingSettings.defaults
        self.init(timezone: Self.readTimezone(reader, defaults.timezone),
                  jobs: reader.section("jobs", defaults.jobs, Self.readJobs))
    }

    private static func readTimezone(_ reader: ObjectReader, _ fallback: String) -> String {
        guard let found = reader.member("timezone"),
              let name = reader.text("timezone", found, expected: "an IANA time zone name") else { return fallback }
        let zone: String
        switch TimeZoneNames.resolve(name) {
        case .iana(let identifier):
            zone = identifier
        case .mappedFromWindows(let identifier):
            reader.context.warn(.legacyValueMapped, reader.childPath("timezone"), at: found,
                "\"\(name)\" is a Windows zone name; read as \(identifier) (it observes daylight saving time). Write \"\(identifier)\"")
            zone = identifier
        case .unknown:
            reader.invalid("timezone", found, value: name,
                "\"\(name)\" is not an IANA time zone known to this system; use a name such as \"America/Chicago\"")
            return fallback
        }
        if zone != "America/Chicago" {
            reader.context.warn(.suspicious, reader.childPath("timezone"), at: found,
                "schedules will fire on \(zone) clocks, while ERCOT issue and publication times (market.*) are America/Chicago")
        }
        return zone
    }

    /// Jobs named in the file override the default job of that name field by field; new names
    /// add jobs and must give `schedule` and `product`.
    private static func readJobs(_ reader: ObjectReader) -> [JobSettings] {
        var jobs = JobSettings.defaultJobs
        for member in reader.members {
            let name = member.key
            _ = reader.member(name)
            guard !name.isEmpty, name.allSatisfy({ $0.isLowercase || $0.isASCIIDigit || $0 == "_" }), name.allSatisfy(\.isASCII) else {
                reader.invalid(name, member.node, "job names use lowercase letters, digits and _ only")
                continue
            }
            let existing = jobs.firstIndex { $0.name == name }
            let template = existing.map { jobs[$0] } ?? JobSettings(name: name, schedule: "", product: .hourly)
            let job = reader.section(name, template) { jobReader in
                if existing == nil {
                    for required in ["schedule", "product"] where jobReader.member(required) == nil {
                        reader.invalid(name, member.node, "a new job needs \"\(required)\" (only daily_retrain, hourly_predict and ercot_fetch have defaults)")
                    }
                }
                return JobSettings(reading: jobReader, template: template)
            }
            if let existing { jobs[existing] = job } else { jobs.append(job) }
        }
        return jobs
    }

    func json(_ secretFields: SecretFields) -> JSONNode {
        .object([
            ("timezone", .string(timezone)),
            ("jobs", .object(jobs.map { ($0.name, $0.json) })),
        ])
    }
}

extension JobSettings {
    init(reading reader: ObjectReader, template: JobSettings) {
        self.init(
            name: template.name,
            enabled: reader.bool("enabled", template.enabled),
            action: reader.choice("action", template.action),
            schedule: reader.parsed("schedule", template.schedule) { text in ScheduleExpression.parse(text).map { _ in text } },
            product: reader.choice("product", template.product),
            retrain: reader.bool("retrain", template.retrain),
            catchUp: reader.choice("catch_up", template.catchUp),
            catchUpMax: reader.int("catch_up_max", template.catchUpMax, in: 1...1000),
            maxLatenessMinutes: reader.int("max_lateness_minutes", template.maxLatenessMinutes, in: 0...10_080),
            overlap: reader.choice("overlap", template.overlap),
            retries: reader.int("retries", template.retries, in: 0...20),
            deadlineMinutes: reader.int("deadline_minutes", template.deadlineMinutes, in: 1...1440))
    }

    var json: JSONNode {
        .object([
            ("enabled", .bool(enabled)),
            ("action", .string(action.rawValue)),
            ("schedule", .string(schedule)),
            ("product", .string(product.rawValue)),
            ("retrain", .bool(retrain)),
            ("catch_up", .string(catchUp.rawValue)),
            ("catch_up_max", .number(catchUpMax)),
            ("max_lateness_minutes", .number(maxLatenessMinutes)),
            ("overlap", .string(overlap.rawValue)),
            ("retries", .number(retries)),
            ("deadline_minutes", .number(deadlineMinutes)),
        ])
    }
}
