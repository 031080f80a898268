// Generated from spec/openapi.yaml by `pnpm generate`; do not edit.
// Regenerate after changing the spec; CI runs `pnpm check:generated` and fails when this file is stale.

export interface paths {
    "/images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List images
         * @description Lists images, each with its latest version, one page at a time. The Python SDK sends this route as
         *     `/images/`; the service and the emulator answer both forms.
         */
        get: operations["listImages"];
        put?: never;
        /**
         * Create an image
         * @description Creates an image and its first version, and starts the version's build. An `upload` source needs the
         *     `artifact` part (the zipped build context); `github` and `dockerfile` sources do not.
         */
        post: operations["createImage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/images/{imageId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The id of the image.
                 * @example 101
                 */
                imageId: components["parameters"]["ImageId"];
            };
            cookie?: never;
        };
        /**
         * Describe an image
         * @description Returns an image and its latest version.
         */
        get: operations["describeImage"];
        put?: never;
        post?: never;
        /**
         * Delete an image
         * @description Deletes an image. All its versions first go into the `deleting` state, then are deleted.
         */
        delete: operations["deleteImage"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/images/{imageId}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The id of the image.
                 * @example 101
                 */
                imageId: components["parameters"]["ImageId"];
            };
            cookie?: never;
        };
        /** List the versions of an image */
        get: operations["listImageVersions"];
        put?: never;
        /**
         * Create a version of an image
         * @description Creates a version and starts its build. `version` defaults to the next patch of the latest version.
         *     `name` and `type` are accepted (the Python SDK's create-or-update sends the whole body) but must match
         *     the image's.
         */
        post: operations["createVersion"];
        /**
         * Delete several versions of an image
         * @description The versions first go into the `deleting` state, then are deleted with their resources.
         */
        delete: operations["deleteVersions"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/images/{imageId}/versions/{versionId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The id of the image.
                 * @example 101
                 */
                imageId: components["parameters"]["ImageId"];
                /**
                 * @description The id of the version.
                 * @example 201
                 */
                versionId: components["parameters"]["VersionId"];
            };
            cookie?: never;
        };
        /** Describe a version */
        get: operations["describeVersion"];
        put?: never;
        post?: never;
        /** Delete a version */
        delete: operations["deleteVersion"];
        options?: never;
        head?: never;
        /**
         * Update a version and rebuild it
         * @description Updates a version and starts a new build. Only versions in the `not-ready` state can be updated
         *     (otherwise 409). The version string cannot be changed: a `version` field must equal the current one
         *     (otherwise 422). When `buildDetails.source` is omitted the version keeps its source.
         */
        patch: operations["updateVersion"];
        trace?: never;
    };
    "/images/{imageId}/builds": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The id of the image.
                 * @example 101
                 */
                imageId: components["parameters"]["ImageId"];
            };
            cookie?: never;
        };
        /**
         * List the builds of an image
         * @description Lists builds newest first, between `dateFrom` (default 90 days ago) and `dateTo` (default now).
         */
        get: operations["listImageBuilds"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/images/{imageId}/builds/{buildId}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The id of the image.
                 * @example 101
                 */
                imageId: components["parameters"]["ImageId"];
                /**
                 * @description The id of the build, as `buildId` in the builds list and the create results.
                 * @example 301
                 */
                buildId: components["parameters"]["BuildId"];
            };
            cookie?: never;
        };
        /**
         * Get a page of build logs
         * @description Returns the next page of a build's log lines. Pass the `nextToken` of one page to get the next; while the
         *     build runs, a page may be empty and more lines appear later.
         */
        get: operations["getBuildLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/images/{imageId}/builds/{buildId}/logs/download": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The id of the image.
                 * @example 101
                 */
                imageId: components["parameters"]["ImageId"];
                /**
                 * @description The id of the build, as `buildId` in the builds list and the create results.
                 * @example 301
                 */
                buildId: components["parameters"]["BuildId"];
            };
            cookie?: never;
        };
        /**
         * Get a download link for a build's full log
         * @description Returns a pre-signed `downloadUrl` serving the whole log as text. Fetch it without the `Authorization`
         *     header.
         */
        get: operations["downloadBuildLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * Format: int64
         * @description A positive integer id.
         * @example 101
         */
        Id: number;
        /**
         * Format: date-time
         * @description An ISO 8601 instant in UTC.
         * @example 2026-06-01T18:00:00.000Z
         */
        Timestamp: string;
        /**
         * @description What the image is for.
         * @enum {string}
         */
        ImageType: "workflow" | "workspace-r" | "workspace-python" | "api" | "webapp";
        /**
         * @description `global` images are provided by Peak; `custom` images belong to the tenant.
         * @enum {string}
         */
        ImageScope: "global" | "custom";
        /**
         * @description The lifecycle state of a version.
         * @enum {string}
         */
        VersionStatus: "not-ready" | "ready" | "in-use" | "deleting" | "delete-failed";
        /**
         * @description The state of a build.
         * @enum {string}
         */
        BuildStatus: "building" | "failed" | "success" | "stopped" | "stopping";
        /**
         * @description A semantic version, e.g. `0.0.1` or `0.0.1-python3.12`.
         * @example 0.0.1-python3.12
         */
        SemanticVersion: string;
        /** @description A label attached to a version. */
        Tag: {
            name: string;
            color?: string;
        };
        /** @description A Docker build argument (`--build-arg name=value`). */
        BuildArgument: {
            name: string;
            value: string;
        };
        /** @description A resource redeployed automatically when the version's build succeeds. */
        AutodeployResource: {
            entityId: string;
            /** @enum {string} */
            entityType: "workflow" | "workspace" | "api" | "webapp";
        };
        /** @description How a version is built, as the service reports it (the github `token` is never returned). */
        BuildDetails: {
            /** @enum {string} */
            source: "upload" | "github" | "dockerfile";
            useCache?: boolean;
            buildArguments?: components["schemas"]["BuildArgument"][];
            secrets?: string[];
            context?: string;
            dockerfilePath?: string;
            repository?: string;
            branch?: string;
            dockerfile?: string;
        };
        /**
         * @description How to build a new version: from the uploaded `artifact` (the default), from a GitHub repository (needs
         *     `repository`) or from an inline Dockerfile (needs `dockerfile`).
         */
        BuildDetailsInput: components["schemas"]["UploadBuildDetails"] | components["schemas"]["GithubBuildDetails"] | components["schemas"]["DockerfileBuildDetails"];
        /** @description Build from the uploaded artifact. `source` may be omitted. */
        UploadBuildDetails: {
            /**
             * @default upload
             * @constant
             */
            source?: "upload";
            /** @default true */
            useCache?: boolean;
            buildArguments?: components["schemas"]["BuildArgument"][];
            secrets?: string[];
            /**
             * @description The folder inside the artifact that is the Docker build context.
             * @default .
             */
            context?: string;
            /**
             * @description The Dockerfile's path relative to `context`.
             * @default Dockerfile
             */
            dockerfilePath?: string;
        };
        /** @description Build from a GitHub repository. */
        GithubBuildDetails: {
            /** @constant */
            source: "github";
            /** @default true */
            useCache?: boolean;
            buildArguments?: components["schemas"]["BuildArgument"][];
            secrets?: string[];
            /** @description The repository URL. */
            repository: string;
            branch?: string;
            /** @description A token with read access to a private repository. */
            token?: string;
            /** @default . */
            context?: string;
            /** @default Dockerfile */
            dockerfilePath?: string;
        };
        /** @description Build from an inline Dockerfile. */
        DockerfileBuildDetails: {
            /** @constant */
            source: "dockerfile";
            /** @default true */
            useCache?: boolean;
            buildArguments?: components["schemas"]["BuildArgument"][];
            secrets?: string[];
            /** @description The Dockerfile's content. */
            dockerfile: string;
        };
        /** @description Changes to a version's build; omitted fields (`source` included) keep their current values. */
        BuildDetailsPatch: {
            /** @enum {string} */
            source?: "upload" | "github" | "dockerfile";
            useCache?: boolean;
            buildArguments?: components["schemas"]["BuildArgument"][];
            secrets?: string[];
            context?: string;
            dockerfilePath?: string;
            repository?: string;
            branch?: string;
            token?: string;
            dockerfile?: string;
        };
        /**
         * Format: binary
         * @description The zipped build context (`artifact.zip`); required when the source is `upload`.
         */
        Artifact: Blob;
        /**
         * @description Letters, digits, dots, underscores and dashes, starting with a letter or digit.
         * @example awesome-image
         */
        ImageName: string;
        /** @description The multipart form of a create-image call. */
        CreateImageRequest: {
            name: components["schemas"]["ImageName"];
            type: components["schemas"]["ImageType"];
            description?: string;
            /** @default 0.0.1 */
            version?: components["schemas"]["SemanticVersion"];
            buildDetails?: components["schemas"]["BuildDetailsInput"];
            artifact?: components["schemas"]["Artifact"];
        };
        /** @description The multipart form of a create-version call. */
        CreateVersionRequest: {
            /** @description Accepted for the Python SDK's create-or-update; must be the image's name. */
            name?: components["schemas"]["ImageName"];
            /** @description Accepted for the Python SDK's create-or-update; must be the image's type. */
            type?: components["schemas"]["ImageType"];
            description?: string;
            /** @description Defaults to the next patch of the latest version. */
            version?: components["schemas"]["SemanticVersion"];
            buildDetails?: components["schemas"]["BuildDetailsInput"];
            autodeployResources?: components["schemas"]["AutodeployResource"][];
            artifact?: components["schemas"]["Artifact"];
        };
        /** @description The multipart form of an update-version call. */
        UpdateVersionRequest: {
            /** @description Accepted for the Python SDK's create-or-update; must be the image's name. */
            name?: components["schemas"]["ImageName"];
            /** @description Accepted for the Python SDK's create-or-update; must be the image's type. */
            type?: components["schemas"]["ImageType"];
            description?: string;
            /** @description Accepted for the Python SDK's create-or-update; must equal the current version. */
            version?: components["schemas"]["SemanticVersion"];
            buildDetails?: components["schemas"]["BuildDetailsPatch"];
            autodeployResources?: components["schemas"]["AutodeployResource"][];
            artifact?: components["schemas"]["Artifact"];
        };
        /** @description One version of an image. */
        ImageVersion: {
            id: components["schemas"]["Id"];
            version: string;
            description?: string;
            status: components["schemas"]["VersionStatus"];
            lastBuildStatus?: components["schemas"]["BuildStatus"];
            lastBuildAt?: components["schemas"]["Timestamp"];
            createdAt: components["schemas"]["Timestamp"];
            createdBy: string;
            updatedAt: components["schemas"]["Timestamp"];
            updatedBy: string;
            /** @description Where to pull the built image from; present once a build succeeded. */
            pullUrl?: string;
            /** @description Image size in MB. */
            size?: number;
            tags: components["schemas"]["Tag"][];
            buildDetails: components["schemas"]["BuildDetails"];
            autodeployResources?: components["schemas"]["AutodeployResource"][];
        };
        /** @description A version with the name and type of its image. */
        ImageVersionDetails: components["schemas"]["ImageVersion"] & {
            imageName: string;
            /** @description The image type (the service has been seen to capitalise it, e.g. `Workflow`). */
            imageType: string;
        };
        /** @description An image and its latest version. */
        Image: {
            id: components["schemas"]["Id"];
            name: string;
            type: components["schemas"]["ImageType"];
            scope: components["schemas"]["ImageScope"];
            description?: string;
            createdAt: components["schemas"]["Timestamp"];
            createdBy: string;
            updatedAt?: components["schemas"]["Timestamp"];
            updatedBy?: string;
            latestVersion?: components["schemas"]["ImageVersion"];
        };
        /** @description One build of a version. */
        Build: {
            buildId: components["schemas"]["Id"];
            imageId?: components["schemas"]["Id"];
            versionId: components["schemas"]["Id"];
            version: string;
            status: components["schemas"]["BuildStatus"];
            startedAt: components["schemas"]["Timestamp"];
            /** @description When the build ended; null while it runs. */
            finishedAt?: components["schemas"]["Timestamp"] | null;
        };
        /** @description Where a page sits; `pageCount` is 0 when nothing matches. */
        PageInfo: {
            pageSize: number;
            pageNumber: number;
            pageCount: number;
        };
        /** @description One page of images. */
        ImagePage: components["schemas"]["PageInfo"] & {
            imageCount: number;
            images: components["schemas"]["Image"][];
        };
        /** @description One page of versions. */
        VersionPage: components["schemas"]["PageInfo"] & {
            versionCount: number;
            versions: components["schemas"]["ImageVersion"][];
        };
        /** @description One page of builds. */
        BuildPage: components["schemas"]["PageInfo"] & {
            buildCount: number;
            builds: components["schemas"]["Build"][];
        };
        /** @description One log line. Both times are epoch milliseconds. */
        LogEntry: {
            message: string;
            /** @description When the line was written, in epoch milliseconds. */
            timestamp: number;
            /** @description When the line was stored, in epoch milliseconds. */
            ingestionTime: number;
        };
        /** @description One page of a build's log. */
        BuildLogs: {
            buildStatus: components["schemas"]["BuildStatus"];
            startTime: components["schemas"]["Timestamp"];
            /** @description When the build ended; null while it runs. */
            finishTime?: components["schemas"]["Timestamp"] | null;
            logs: components["schemas"]["LogEntry"][];
            /**
             * @description Pass it back as `nextToken` for the lines after this page. While the build runs every page carries a
             *     token (a page may be empty: poll again later). Once the build has ended and every line was returned,
             *     the next page is empty with `nextToken: null`, so both "stop on a null token" clients and the Python
             *     CLI's follow loop ("stop when not building and no lines") terminate.
             */
            nextToken?: string | null;
        };
        /** @description A link to the full log as text. */
        BuildLogsDownload: {
            /** Format: uri */
            downloadUrl: string;
        };
        /** @description The ids created or touched by create-image, create-version and update-version. */
        CreateResult: {
            imageId: components["schemas"]["Id"];
            versionId: components["schemas"]["Id"];
            buildId: components["schemas"]["Id"];
            /** @description The autodeployment started for `autodeployResources`, if any (version calls only). */
            autodeploymentId?: string | null;
        };
        /** @description An empty object. */
        Empty: Record<string, never>;
        /** @description One validation failure. */
        ValidationProblem: {
            /** @description Where the problem is, e.g. `query.pageSize` or `body.buildDetails.repository`. */
            path: string;
            message: string;
        };
        /** @description An error answer. `detail` is a human-readable sentence. */
        Error: {
            detail: string;
            errors?: components["schemas"]["ValidationProblem"][];
        };
    };
    responses: {
        /** @description Deleted (or marked `deleting`); the body is an empty object. */
        Deleted: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Empty"];
            };
        };
        /** @description A parameter or a body field is invalid; `detail` names it. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The `Authorization` header is missing or the key is not valid. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The key is valid but may not perform this operation. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The image, version or build does not exist. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The name or version is already in use, or the version is not in a state that allows this. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The artifact is larger than the service accepts. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The request is well formed but cannot be applied to the current state. */
        UnprocessableEntity: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Too many requests; retry after the number of seconds in `Retry-After`. */
        TooManyRequests: {
            headers: {
                /** @description Seconds to wait before retrying. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The service failed to process the request. */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The service is temporarily unavailable. */
        ServiceUnavailable: {
            headers: {
                /** @description Seconds to wait before retrying. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        /**
         * @description The id of the image.
         * @example 101
         */
        ImageId: components["schemas"]["Id"];
        /**
         * @description The id of the version.
         * @example 201
         */
        VersionId: components["schemas"]["Id"];
        /**
         * @description The id of the build, as `buildId` in the builds list and the create results.
         * @example 301
         */
        BuildId: components["schemas"]["Id"];
        /**
         * @description Items per page.
         * @example 25
         */
        PageSize: number;
        /**
         * @description The page to return, from 1.
         * @example 1
         */
        PageNumber: number;
        /** @description Keep items carrying one of these tag names. */
        Tags: string[];
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type Id = components['schemas']['Id'];
export type Timestamp = components['schemas']['Timestamp'];
export type ImageType = components['schemas']['ImageType'];
export type ImageScope = components['schemas']['ImageScope'];
export type VersionStatus = components['schemas']['VersionStatus'];
export type BuildStatus = components['schemas']['BuildStatus'];
export type SemanticVersion = components['schemas']['SemanticVersion'];
export type Tag = components['schemas']['Tag'];
export type BuildArgument = components['schemas']['BuildArgument'];
export type AutodeployResource = components['schemas']['AutodeployResource'];
export type BuildDetails = components['schemas']['BuildDetails'];
export type BuildDetailsInput = components['schemas']['BuildDetailsInput'];
export type UploadBuildDetails = components['schemas']['UploadBuildDetails'];
export type GithubBuildDetails = components['schemas']['GithubBuildDetails'];
export type DockerfileBuildDetails = components['schemas']['DockerfileBuildDetails'];
export type BuildDetailsPatch = components['schemas']['BuildDetailsPatch'];
export type Artifact = components['schemas']['Artifact'];
export type ImageName = components['schemas']['ImageName'];
export type CreateImageRequest = components['schemas']['CreateImageRequest'];
export type CreateVersionRequest = components['schemas']['CreateVersionRequest'];
export type UpdateVersionRequest = components['schemas']['UpdateVersionRequest'];
export type ImageVersion = components['schemas']['ImageVersion'];
export type ImageVersionDetails = components['schemas']['ImageVersionDetails'];
export type Image = components['schemas']['Image'];
export type Build = components['schemas']['Build'];
export type PageInfo = components['schemas']['PageInfo'];
export type ImagePage = components['schemas']['ImagePage'];
export type VersionPage = components['schemas']['VersionPage'];
export type BuildPage = components['schemas']['BuildPage'];
export type LogEntry = components['schemas']['LogEntry'];
export type BuildLogs = components['schemas']['BuildLogs'];
export type BuildLogsDownload = components['schemas']['BuildLogsDownload'];
export type CreateResult = components['schemas']['CreateResult'];
export type Empty = components['schemas']['Empty'];
export type ValidationProblem = components['schemas']['ValidationProblem'];
export type Error = components['schemas']['Error'];
export type ResponseDeleted = components['responses']['Deleted'];
export type ResponseBadRequest = components['responses']['BadRequest'];
export type ResponseUnauthorized = components['responses']['Unauthorized'];
export type ResponseForbidden = components['responses']['Forbidden'];
export type ResponseNotFound = components['responses']['NotFound'];
export type ResponseConflict = components['responses']['Conflict'];
export type ResponsePayloadTooLarge = components['responses']['PayloadTooLarge'];
export type ResponseUnprocessableEntity = components['responses']['UnprocessableEntity'];
export type ResponseTooManyRequests = components['responses']['TooManyRequests'];
export type ResponseInternalServerError = components['responses']['InternalServerError'];
export type ResponseServiceUnavailable = components['responses']['ServiceUnavailable'];
export type ParameterImageId = components['parameters']['ImageId'];
export type ParameterVersionId = components['parameters']['VersionId'];
export type ParameterBuildId = components['parameters']['BuildId'];
export type ParameterPageSize = components['parameters']['PageSize'];
export type ParameterPageNumber = components['parameters']['PageNumber'];
export type ParameterTags = components['parameters']['Tags'];
export type $defs = Record<string, never>;
export interface operations {
    listImages: {
        parameters: {
            query?: {
                /**
                 * @description Items per page.
                 * @example 25
                 */
                pageSize?: components["parameters"]["PageSize"];
                /**
                 * @description The page to return, from 1.
                 * @example 1
                 */
                pageNumber?: components["parameters"]["PageNumber"];
                /**
                 * @description Substring of an image name or of its latest version to search for.
                 * @example awesome
                 */
                searchTerm?: string;
                /** @description Keep images whose latest version has one of these statuses. */
                status?: components["schemas"]["VersionStatus"][];
                /** @description Keep images of these scopes (Peak's `global` images or the tenant's `custom` ones). */
                scope?: components["schemas"]["ImageScope"][];
                /** @description Keep images whose latest version's last build has one of these statuses. */
                lastBuildStatus?: components["schemas"]["BuildStatus"][];
                /** @description Keep items carrying one of these tag names. */
                tags?: components["parameters"]["Tags"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of images. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImagePage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createImage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["CreateImageRequest"];
            };
        };
        responses: {
            /** @description The image, its first version and the build were created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    describeImage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The id of the image.
                 * @example 101
                 */
                imageId: components["parameters"]["ImageId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Image"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteImage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The id of the image.
                 * @example 101
                 */
                imageId: components["parameters"]["ImageId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Deleted"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listImageVersions: {
        parameters: {
            query?: {
                /**
                 * @description Items per page.
                 * @example 25
                 */
                pageSize?: components["parameters"]["PageSize"];
                /**
                 * @description The page to return, from 1.
                 * @example 1
                 */
                pageNumber?: components["parameters"]["PageNumber"];
                /**
                 * @description Substring of a version string to search for.
                 * @example 0.0
                 */
                searchTerm?: string;
                /** @description Keep versions with one of these statuses. */
                status?: components["schemas"]["VersionStatus"][];
                /** @description Keep versions whose last build has one of these statuses. */
                lastBuildStatus?: components["schemas"]["BuildStatus"][];
                /** @description Keep items carrying one of these tag names. */
                tags?: components["parameters"]["Tags"];
            };
            header?: never;
            path: {
                /**
                 * @description The id of the image.
                 * @example 101
                 */
                imageId: components["parameters"]["ImageId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of versions, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The id of the image.
                 * @example 101
                 */
                imageId: components["parameters"]["ImageId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["CreateVersionRequest"];
            };
        };
        responses: {
            /** @description The version and its build were created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteVersions: {
        parameters: {
            query: {
                /**
                 * @description Ids of the versions to delete, as repeated keys.
                 * @example [
                 *       201,
                 *       202
                 *     ]
                 */
                versionIds: components["schemas"]["Id"][];
            };
            header?: never;
            path: {
                /**
                 * @description The id of the image.
                 * @example 101
                 */
                imageId: components["parameters"]["ImageId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Deleted"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    describeVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The id of the image.
                 * @example 101
                 */
                imageId: components["parameters"]["ImageId"];
                /**
                 * @description The id of the version.
                 * @example 201
                 */
                versionId: components["parameters"]["VersionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The version, with its image's name and type. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImageVersionDetails"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The id of the image.
                 * @example 101
                 */
                imageId: components["parameters"]["ImageId"];
                /**
                 * @description The id of the version.
                 * @example 201
                 */
                versionId: components["parameters"]["VersionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Deleted"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The id of the image.
                 * @example 101
                 */
                imageId: components["parameters"]["ImageId"];
                /**
                 * @description The id of the version.
                 * @example 201
                 */
                versionId: components["parameters"]["VersionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["UpdateVersionRequest"];
            };
        };
        responses: {
            /** @description The version was updated and a new build started. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listImageBuilds: {
        parameters: {
            query?: {
                /**
                 * @description Keep builds started at or after this instant (ISO 8601). Defaults to 90 days ago.
                 * @example 2026-06-01T00:00:00Z
                 */
                dateFrom?: string;
                /**
                 * @description Keep builds started at or before this instant (ISO 8601). Defaults to now.
                 * @example 2026-06-30T23:59:59Z
                 */
                dateTo?: string;
                /**
                 * @description Items per page.
                 * @example 25
                 */
                pageSize?: components["parameters"]["PageSize"];
                /**
                 * @description The page to return, from 1.
                 * @example 1
                 */
                pageNumber?: components["parameters"]["PageNumber"];
                /**
                 * @description How many of the latest builds to consider; `-1` (the default, always sent by the Python SDK) means
                 *     all builds within the dates.
                 * @example -1
                 */
                count?: number;
                /** @description Keep builds of these version ids (the wire name is `versions`, holding ids). */
                versions?: components["schemas"]["Id"][];
                /** @description Keep builds with one of these statuses. */
                buildStatus?: components["schemas"]["BuildStatus"][];
            };
            header?: never;
            path: {
                /**
                 * @description The id of the image.
                 * @example 101
                 */
                imageId: components["parameters"]["ImageId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of builds, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BuildPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getBuildLogs: {
        parameters: {
            query?: {
                /**
                 * @description The `nextToken` of the previous page; omit it for the first page.
                 * @example f/37241814580157116960215105647056337845181039459911335941/s
                 */
                nextToken?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The id of the image.
                 * @example 101
                 */
                imageId: components["parameters"]["ImageId"];
                /**
                 * @description The id of the build, as `buildId` in the builds list and the create results.
                 * @example 301
                 */
                buildId: components["parameters"]["BuildId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of log lines. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BuildLogs"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    downloadBuildLogs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The id of the image.
                 * @example 101
                 */
                imageId: components["parameters"]["ImageId"];
                /**
                 * @description The id of the build, as `buildId` in the builds list and the create results.
                 * @example 301
                 */
                buildId: components["parameters"]["BuildId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A link to the full log. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BuildLogsDownload"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
type FlattenedDeepRequired<T> = {
    [K in keyof T]-?: FlattenedDeepRequired<T[K] extends unknown[] | undefined | null ? Extract<T[K], unknown[]>[number] : T[K]>;
};
type ReadonlyArray<T> = [
    Exclude<T, undefined>
] extends [
    unknown[]
] ? Readonly<Exclude<T, undefined>> : Readonly<Exclude<T, undefined>[]>;
export const imageTypeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ImageType"]> = ["workflow", "workspace-r", "workspace-python", "api", "webapp"];
export const imageScopeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ImageScope"]> = ["global", "custom"];
export const versionStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["VersionStatus"]> = ["not-ready", "ready", "in-use", "deleting", "delete-failed"];
export const buildStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["BuildStatus"]> = ["building", "failed", "success", "stopped", "stopping"];
export const autodeployResourceEntityTypeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["AutodeployResource"]["entityType"]> = ["workflow", "workspace", "api", "webapp"];
export const buildDetailsSourceValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["BuildDetails"]["source"]> = ["upload", "github", "dockerfile"];
export const buildDetailsPatchSourceValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["BuildDetailsPatch"]["source"]> = ["upload", "github", "dockerfile"];
