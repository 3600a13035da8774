using System;
using System.Net;
using System.Net.Http;

namespace DsccPowerShell.Engine.Http
{
    /// <summary>
    /// DSCC answered with an error status. Carries what DSCC said (its error text, errorCode and traceId)
    /// and which request it was, never the request's headers or body.
    /// </summary>
    [Serializable]
    public class DsccApiException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public DsccApiException(
            string message,
            HttpMethod method,
            Uri requestUri,
            HttpStatusCode statusCode,
            string serviceError,
            string errorCode,
            string traceId)
            : base(message)
        {
            Method = method;
            RequestUri = requestUri;
            StatusCode = statusCode;
            ServiceError = serviceError;
            ErrorCode = errorCode;
            TraceId = traceId;
        }

        /// <summary>Gets the HTTP method of the failed request.</summary>
        public HttpMethod Method { get; }

        /// <summary>Gets the URI of the failed request.</summary>
        public Uri RequestUri { get; }

        /// <summary>Gets the HTTP status DSCC answered with.</summary>
        public HttpStatusCode StatusCode { get; }

        /// <summary>Gets DSCC's own error text, or a description of a body that held none.</summary>
        public string ServiceError { get; }

        /// <summary>Gets DSCC's errorCode, when the body had one.</summary>
        public string ErrorCode { get; }

        /// <summary>Gets DSCC's traceId, when the body had one; HPE support asks for it.</summary>
        public string TraceId { get; }
    }

    /// <summary>The token service refused the credentials, or DSCC refused a freshly renewed token.</summary>
    [Serializable]
    public sealed class DsccAuthenticationException : DsccApiException
    {
        /// <summary>Creates the exception.</summary>
        public DsccAuthenticationException(
            string message,
            HttpMethod method,
            Uri requestUri,
            HttpStatusCode statusCode,
            string serviceError,
            string errorCode,
            string traceId)
            : base(message, method, requestUri, statusCode, serviceError, errorCode, traceId)
        {
        }
    }

    /// <summary>A request, or a wait for a task, ran past its time limit.</summary>
    [Serializable]
    public sealed class DsccTimeoutException : TimeoutException
    {
        /// <summary>Creates the exception.</summary>
        public DsccTimeoutException(string message, string method, Uri requestUri)
            : this(message, method, requestUri, taskId: null)
        {
        }

        /// <summary>Creates the exception for a task that was still running when the wait for it ran out.</summary>
        public DsccTimeoutException(string message, string method, Uri requestUri, string taskId)
            : base(message)
        {
            Method = method;
            RequestUri = requestUri;
            TaskId = taskId;
        }

        /// <summary>Gets the id of the task that outlasted the wait; null when a request timed out.</summary>
        public string TaskId { get; }

        /// <summary>Gets the HTTP method of the request that timed out.</summary>
        public string Method { get; }

        /// <summary>Gets the URI that did not answer in time.</summary>
        public Uri RequestUri { get; }
    }

    /// <summary>The service could not be reached at all: DNS, TCP, TLS or a dropped connection.</summary>
    [Serializable]
    public sealed class DsccConnectionException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public DsccConnectionException(string message, string method, Uri requestUri, Exception innerException)
            : base(message, innerException)
        {
            Method = method;
            RequestUri = requestUri;
        }

        /// <summary>Gets the HTTP method of the request that could not be made.</summary>
        public string Method { get; }

        /// <summary>Gets the URI that could not be reached.</summary>
        public Uri RequestUri { get; }
    }
}
