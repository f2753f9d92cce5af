import DartWorkspace

extension Workspace {
    /// The model families configured in `models`.
    public var families: ModelFamilies { ModelFamilies(settings: settings.models) }
}
