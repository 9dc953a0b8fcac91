import type { AnyRule } from '../../src/rule/types.js';
import insecureTempFile from './insecure-temp-file.js';
import insecureWebsocket from './insecure-websocket.js';
import openRedirect from './open-redirect.js';
import pathTraversal from './path-traversal.js';
import permissiveFilePermissions from './permissive-file-permissions.js';
import serverSideRequestForgery from './server-side-request-forgery.js';
import zipSlip from './zip-slip.js';

/** TSB6xx: path traversal, SSRF, open redirect, temp files, permissions, zip slip. */
export const FILES_NETWORK_RULES: readonly AnyRule[] = [pathTraversal, serverSideRequestForgery, openRedirect, insecureTempFile, permissiveFilePermissions, zipSlip, insecureWebsocket];
