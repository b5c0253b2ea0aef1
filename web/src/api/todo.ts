// The to-do centre: what waits for me or my organisation (GET /api/todo), most urgent first, and what I handled
// (GET /api/todo/done, newest first).
import { client, dataOf, type QueryOf, type Schemas } from './client';

export type TodoItem = Schemas['TodoItem'];
export type TodoList = Schemas['TodoList'];
export type DoneItem = Schemas['DoneItem'];
export type DonePage = Schemas['DonePage'];

export const fetchTodo = (query: QueryOf<'/api/todo'> = {}, signal?: AbortSignal) => dataOf(client.GET('/api/todo', { params: { query }, signal }));

export const fetchDone = (query: QueryOf<'/api/todo/done'> = {}, signal?: AbortSignal) => dataOf(client.GET('/api/todo/done', { params: { query }, signal }));
